#pragma once
// Reading the NumPy and framework fixtures of tests/data, and generated test tensors.

#include "generate/generate_spec.h"
#include "tensor/tensor.h"

#include <QJsonObject>
#include <QString>

namespace qs::test {

// A .npy fixture (fails the test and returns an empty tensor if it cannot be read).
Tensor npyFixture(const QString& name);
// tests/data/framework_expected.json (made by make_framework_fixtures.py).
QJsonObject frameworkExpected();
std::vector<double> doubles(const QJsonValue& array);
// Values of `distribution` (default parameters) in `shape`, from np.random.seed(seed).
Tensor generated(Distribution distribution, Shape shape, std::uint32_t seed);

} // namespace qs::test
