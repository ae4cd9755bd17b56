#include "i18n/calibration_texts.h"

#include <QStringList>

namespace qs::ui {

QString CalibrationTexts::variant(CalibrationMethod method, int variant)
{
    switch (method) {
    case CalibrationMethod::Percentile: {
        const QStringList texts{tr("exact (NumPy)"), tr("pytorch-quantization"),
                                tr("ONNX Runtime")};
        return texts.value(variant);
    }
    case CalibrationMethod::Mse: {
        const QStringList texts{tr("exact (QuantScope)"), tr("pytorch-quantization")};
        return texts.value(variant);
    }
    case CalibrationMethod::Kl: {
        const QStringList texts{tr("TensorRT (published)"), tr("pytorch-quantization"),
                                tr("ONNX Runtime"), tr("MXNet")};
        return texts.value(variant);
    }
    default:
        return {};
    }
}

QString CalibrationTexts::variantSource(CalibrationMethod method, int variant)
{
    switch (method) {
    case CalibrationMethod::Percentile: {
        const QStringList texts{
            tr("Linear interpolation between order statistics, as numpy.percentile."),
            tr("calib/histogram.py, _compute_amax_percentile: the left edge of the bin where the "
               "2048-bin histogram of |R| reaches P."),
            tr("calibrate.py, HistogramCollector.compute_percentile: an edge of its 2048-bin "
               "histogram (of |R| when symmetric)."),
        };
        return texts.value(variant);
    }
    case CalibrationMethod::Mse: {
        const QStringList texts{
            tr("The least rounding-plus-clipping error of the values themselves."),
            tr("calib/histogram.py, _compute_amax_mse: the bin centre from bin 128 whose "
               "fake-quantized centres err least."),
        };
        return texts.value(variant);
    }
    case CalibrationMethod::Kl: {
        const QStringList texts{
            tr("Migacz, GTC 2017: 2048 bins of |R| from bin 128, threshold at the bin's "
               "centre."),
            tr("calib/histogram.py, _compute_amax_entropy: bin 0 takes bin 1's count, "
               "np.digitize levels, the last of tied minima, the bin's edge."),
            tr("calibrate.py, get_entropy_threshold: windows around 0 of a 128-bin histogram of "
               "R, both distributions smoothed; may choose an asymmetric range."),
            tr("calibrate.cc, _contrib_calibrate_entropy: windows around 0 of an 8001-bin "
               "histogram, 255 levels, both smoothed."),
        };
        return texts.value(variant);
    }
    default:
        return {};
    }
}

int CalibrationTexts::variantIndex(CalibrationMethod method, const std::string& name)
{
    switch (method) {
    case CalibrationMethod::Percentile:
        return int(percentileVariantFromName(name).value_or(PercentileVariant::Exact));
    case CalibrationMethod::Mse:
        return int(mseVariantFromName(name).value_or(MseVariant::Exact));
    case CalibrationMethod::Kl:
        return int(klVariantFromName(name).value_or(KlVariant::TensorRtPublished));
    default:
        return -1;
    }
}

} // namespace qs::ui
