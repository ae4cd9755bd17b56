#pragma once
// NumPy's *print* format — not the .npy file format (that is io/npy_format.h): text exactly as
// NumPy 1.24 prints it, so the tutorial's output can be reproduced character for character:
// print(float32_array) and print(np.float64 scalar) / repr(float).

#include <span>
#include <string>

namespace qs {

// str() of a 1-D float32 array with NumPy's defaults (precision 8, floatmode 'maxprec', sign
// '-', suppress False, linewidth 75): "[ 0.21535037  1.2962357  -1.0161772 ]",
// "[  24.  143. -112.]".
std::string formatNumpyArray(std::span<const float> values);

// repr() of a Python float / np.float64: shortest round-trip digits, fixed notation for
// 1e-4 <= |x| < 1e16 ("0.00906828525019627", "-16.0"), scientific otherwise ("1e-05").
std::string formatPythonFloat(double value);

// repr() of an np.float32 scalar: the shortest digits that read back as the same float32, laid
// out as formatPythonFloat lays them out ("1.2962357", "448.0", "0.00048223053", "1e-05").
std::string formatNumpyFloat32(float value);

} // namespace qs
