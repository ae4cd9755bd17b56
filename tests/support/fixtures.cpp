#include "support/fixtures.h"

#include "generate/generator.h"
#include "io/npy_reader.h"
#include "support/test_paths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace qs::test {

Tensor npyFixture(const QString& name)
{
    auto loaded = readNpyFile(testData(name).toStdString());
    if (!loaded) {
        QTest::qFail(loaded.error().describe().c_str(), __FILE__, __LINE__);
        return {};
    }
    return std::move(loaded->tensor);
}

QJsonObject frameworkExpected()
{
    QFile file(testData("framework_expected.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail("cannot read framework_expected.json", __FILE__, __LINE__);
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<double> doubles(const QJsonValue& array)
{
    std::vector<double> out;
    for (const QJsonValue& v : array.toArray()) {
        out.push_back(v.toDouble());
    }
    return out;
}

Tensor generated(Distribution distribution, Shape shape, std::uint32_t seed)
{
    GenerateSpec spec;
    spec.distribution = distribution;
    spec.shape = std::move(shape);
    spec.seed = seed;
    auto tensor = generateTensor(spec);
    if (!tensor) {
        qFatal("%s", tensor.error().describe().c_str());
    }
    return std::move(*tensor);
}

} // namespace qs::test
