#include "calibrate/calibrate.h"

namespace qs {

Result<RealRange> calibrateRange(TensorView tensor, const TensorStats& stats,
                                 CalibrationMethod method)
{
    (void)tensor; // minmax needs only the stats; histogram-based methods read the values
    if (stats.finiteCount == 0) {
        return fail(ErrorCode::NoFiniteValues, "the tensor has no finite values to calibrate on");
    }
    switch (method) {
    case CalibrationMethod::MinMax:
        return RealRange{stats.min, stats.max};
    }
    return fail(ErrorCode::InvalidArgument, "unknown calibration method");
}

} // namespace qs
