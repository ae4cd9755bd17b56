// The scheme panel's number formats, offscreen: the Format choice shows only the options its
// format takes; every spec set from outside comes back unchanged; nothing the panel lets a user
// pick is refused by core; the bits per value follow the tensor; the window analyses the chosen
// format; the new texts follow the interface language.

#include "analysis/analyze.h"
#include "calibrate/format_calibration.h"
#include "i18n/language.h"
#include "main_window.h"
#include "panels/scheme_panel.h"
#include "session/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

Q_DECLARE_METATYPE(qs::QuantSpec)

using namespace qs;
using namespace qs::ui;

namespace {

template <typename T> T* child(QWidget& panel, const char* name)
{
    return panel.findChild<T*>(QString::fromLatin1(name));
}

void choose(QComboBox* combo, int data)
{
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(combo->objectName()));
    combo->setCurrentIndex(index);
}

// Picks `format` as a user does: its family, then its element.
void chooseFormat(SchemePanel& panel, NumberFormat format)
{
    choose(child<QComboBox>(panel, "formatFamily"), int(formatInfo(format).family));
    auto* element = child<QComboBox>(panel, "formatElement");
    if (element->isVisibleTo(&panel)) {
        choose(element, int(format));
    }
}

QString describe(const QuantSpec& spec)
{
    return QString::fromStdString(sessionJson(Session{PresetSpec{"tutorial-3"}, spec, {}}));
}

bool itemEnabled(QComboBox* combo, int index)
{
    return qobject_cast<QStandardItemModel*>(combo->model())->item(index)->isEnabled();
}

// 4 rows of 96 values: blocks of every format fit, with a partial one for bitsandbytes' 64.
Tensor smallTensor()
{
    Tensor t;
    t.name = "t";
    t.shape = {4, 96};
    for (int i = 0; i < 4 * 96; ++i) {
        t.values.push_back(static_cast<float>(std::sin(0.37 * i) * (1 + i % 7)));
    }
    return t;
}

const QStringList kOptionWidgets{
    "scheme",     "bits",        "scaleStorage",     "formatElement",    "noScale",
    "overflow",   "mxScale",     "elementRounding",  "nvfp4Flavour",     "blockSize",
    "bnbBackend", "granularity", "granularityFixed", "calibrationLimits"};

bool waitIdle(MainWindow& window)
{
    return QTest::qWaitFor([&] { return window.snapshot() && !window.isWorking(); }, 60000);
}

} // namespace

class TestSchemePanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void formatShowsOnlyItsOptions_data();
    void formatShowsOnlyItsOptions();
    void specRoundTrips_data();
    void specRoundTrips();
    void switchingBackKeepsTheChoices();
    void everyChoiceOfferedIsAccepted();
    void aRefusedCalibrationGivesWay();
    void ggmlTypesFollowTheRows();
    void equationsUseTheTutorialsNotation();
    void bitsPerValueFollowTheTensor();
    void windowAnalysesTheChosenFormat();
    void newTextsFollowTheLanguage();
};

void TestSchemePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("QuantScopeTests");
}

void TestSchemePanel::cleanup()
{
    setLanguage(QStringLiteral("en"));
}

void TestSchemePanel::formatShowsOnlyItsOptions_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<bool>("noScale");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("integer") << int(NumberFormat::Integer) << false
                             << QStringList{"scheme", "bits", "scaleStorage", "granularity"};
    QTest::newRow("fp8-e4m3") << int(NumberFormat::Fp8E4m3) << false
                              << QStringList{"formatElement",   "noScale",     "overflow",
                                             "elementRounding", "granularity", "calibrationLimits"};
    QTest::newRow("fp8-e5m2 plain cast")
        << int(NumberFormat::Fp8E5m2) << true
        << QStringList{"formatElement",   "noScale",          "overflow",
                       "elementRounding", "granularityFixed", "calibrationLimits"};
    // FP6 and FP4 have no NaN or infinity to overflow to: no overflow choice.
    QTest::newRow("fp6-e2m3") << int(NumberFormat::Fp6E2m3) << false
                              << QStringList{"formatElement", "noScale", "elementRounding",
                                             "granularity", "calibrationLimits"};
    QTest::newRow("fp4-e2m1") << int(NumberFormat::Fp4E2m1) << false
                              << QStringList{"formatElement", "noScale", "elementRounding",
                                             "granularity", "calibrationLimits"};
    QTest::newRow("mxfp4") << int(NumberFormat::Mxfp4) << false
                           << QStringList{"formatElement", "mxScale", "elementRounding",
                                          "granularityFixed", "calibrationLimits"};
    QTest::newRow("mxint8") << int(NumberFormat::Mxint8) << false
                            << QStringList{"formatElement", "mxScale", "elementRounding",
                                           "granularityFixed", "calibrationLimits"};
    QTest::newRow("nvfp4") << int(NumberFormat::Nvfp4) << false
                           << QStringList{"nvfp4Flavour", "granularityFixed", "calibrationLimits"};
    QTest::newRow("nf4") << int(NumberFormat::Nf4) << false
                         << QStringList{"formatElement", "blockSize", "bnbBackend",
                                        "granularityFixed", "calibrationLimits"};
    QTest::newRow("bnb-fp4") << int(NumberFormat::BnbFp4) << false
                             << QStringList{"formatElement", "blockSize", "bnbBackend",
                                            "granularityFixed", "calibrationLimits"};
}

void TestSchemePanel::formatShowsOnlyItsOptions()
{
    QFETCH(int, format);
    QFETCH(bool, noScale);
    QFETCH(QStringList, shown);
    SchemePanel panel;
    panel.show();
    // From another family first, so the rows must really change.
    chooseFormat(panel, format == int(NumberFormat::Nf4) ? NumberFormat::Mxfp4 : NumberFormat::Nf4);
    chooseFormat(panel, NumberFormat(format));
    if (noScale) {
        child<QCheckBox>(panel, "noScale")->click();
    }
    QCOMPARE(int(panel.spec().format.format), format);
    QCOMPARE(panel.spec().format.noScale, noScale);
    for (const QString& name : kOptionWidgets) {
        auto* widget = panel.findChild<QWidget*>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(widget->isVisible() == shown.contains(name),
                 qPrintable(name + (widget->isVisible() ? " is shown" : " is hidden")));
    }
    // The formula box holds the format's own equation, in the tutorial's R and R′.
    QVERIFY(child<QLabel>(panel, "formula")->text().contains(QStringLiteral("R′ = ")));
}

void TestSchemePanel::specRoundTrips_data()
{
    QTest::addColumn<QuantSpec>("spec");
    QuantSpec integer;
    integer.scheme = Scheme::Asymmetric;
    integer.bits = 4;
    integer.isSigned = false;
    integer.narrowRange = true;
    integer.rounding = Rounding::Stochastic;
    integer.roundingSeed = 9;
    integer.zeroPointAnchor = ZeroPointAnchor::Min;
    integer.convention = Convention::PyTorch;
    integer.granularity = Granularity::Group;
    integer.groupSize = 128;
    integer.calibration.method = CalibrationMethod::Kl;
    integer.format.scaleStorage = ScaleStorage::Float16;
    QTest::newRow("int4 groups of 128, float16 scales") << integer;

    QuantSpec fp8;
    fp8.format.format = NumberFormat::Fp8E5m2;
    fp8.format.noScale = true;
    fp8.format.overflow = Overflow::NonFinite;
    fp8.format.elementRounding = ElementRounding::Away;
    fp8.granularity = Granularity::Channel;
    fp8.axis = -1;
    QTest::newRow("fp8-e5m2 plain cast to Inf") << fp8;

    QuantSpec fp6;
    fp6.format.format = NumberFormat::Fp6E3m2;
    fp6.granularity = Granularity::Group;
    fp6.groupSize = 64;
    fp6.calibration = {CalibrationMethod::Percentile, 99.5, 2048, 128, 0};
    QTest::newRow("fp6-e3m2 groups of 64, percentile") << fp6;

    QuantSpec mx;
    mx.format.format = NumberFormat::Mxint8;
    mx.format.mxScale = MxScaleRule::Rceil;
    mx.format.elementRounding = ElementRounding::Away;
    // Fields another format uses ride along unchanged.
    mx.format.blockSize = 256;
    mx.format.nvfp4Flavour = Nvfp4Flavour::Torchao;
    mx.scheme = Scheme::General;
    mx.bits = 3;
    QTest::newRow("mxint8 rceil, ties away") << mx;

    QuantSpec nvfp4;
    nvfp4.format.format = NumberFormat::Nvfp4;
    nvfp4.format.nvfp4Flavour = Nvfp4Flavour::Modelopt;
    nvfp4.calibration.method = CalibrationMethod::Mse;
    QTest::newRow("nvfp4 modelopt, least MSE") << nvfp4;

    QuantSpec nf4;
    nf4.format.format = NumberFormat::Nf4;
    nf4.format.blockSize = 4096;
    nf4.format.bnbBackend = BnbBackend::Cuda;
    nf4.calibration = {CalibrationMethod::Percentile, 99.9, 2048, 128, 0};
    QTest::newRow("nf4 blocks of 4096, CUDA") << nf4;

    QuantSpec fp4;
    fp4.format.format = NumberFormat::BnbFp4;
    fp4.format.blockSize = 32;
    QTest::newRow("bnb-fp4 blocks of 32") << fp4;

    // A combination core refuses, set from outside (a hand-edited session): shown as it is, so
    // that the error names what was asked for.
    QuantSpec refused;
    refused.format.format = NumberFormat::Mxfp4;
    refused.calibration.method = CalibrationMethod::Percentile;
    QTest::newRow("mxfp4 with a percentile") << refused;
}

void TestSchemePanel::specRoundTrips()
{
    QFETCH(QuantSpec, spec);
    SchemePanel panel;
    QSignalSpy changed(&panel, &SchemePanel::specChanged);
    panel.setSpec(spec);
    QVERIFY2(panel.spec() == spec, qPrintable(describe(panel.spec()) + describe(spec)));
    QCOMPARE(changed.count(), 0);
    // And again from a different state, so nothing is left over from the defaults.
    QuantSpec other;
    other.format.format = NumberFormat::Fp4E2m1;
    panel.setSpec(other);
    QVERIFY(panel.spec() == other);
    panel.setSpec(spec);
    QVERIFY2(panel.spec() == spec, qPrintable(describe(panel.spec())));
}

void TestSchemePanel::switchingBackKeepsTheChoices()
{
    SchemePanel panel;
    panel.show();
    child<QSpinBox>(panel, "bits")->setValue(5); // kept, hidden, while another format is chosen
    chooseFormat(panel, NumberFormat::Mxfp6E3m2);
    choose(child<QComboBox>(panel, "mxScale"), int(MxScaleRule::Rceil));
    chooseFormat(panel, NumberFormat::Nf4);
    child<QSpinBox>(panel, "blockSize")->setValue(128);
    choose(child<QComboBox>(panel, "formatFamily"), int(FormatFamily::Mx));
    QCOMPARE(panel.spec().format.format, NumberFormat::Mxfp6E3m2); // the element last chosen
    QCOMPARE(panel.spec().format.mxScale, MxScaleRule::Rceil);
    QCOMPARE(panel.spec().format.blockSize, 128);
    choose(child<QComboBox>(panel, "formatFamily"), int(FormatFamily::Integer));
    QVERIFY(panel.spec().isIntegerGrid());
    QCOMPARE(panel.spec().bits, 5);
}

void TestSchemePanel::ggmlTypesFollowTheRows()
{
    SchemePanel panel;
    panel.show();
    panel.setTensorShape({4, 96});
    auto* family = child<QComboBox>(panel, "formatFamily");
    auto* element = child<QComboBox>(panel, "formatElement");
    family->setCurrentIndex(family->findData(int(FormatFamily::Ggml)));
    const auto enabled = [&](NumberFormat format) {
        return itemEnabled(element, element->findData(int(format)));
    };
    QVERIFY(element->isVisible());
    QCOMPARE(element->count(), 16);
    QVERIFY(enabled(NumberFormat::GgmlQ8_0));   // 3 blocks of 32
    QVERIFY(!enabled(NumberFormat::GgmlQ4K));   // 256 does not divide 96
    QVERIFY(!enabled(NumberFormat::GgmlNvfp4)); // nor does 64
    QVERIFY(element->itemData(element->findData(int(NumberFormat::GgmlQ4K)), Qt::ToolTipRole)
                .toString()
                .contains("96"));
    panel.setTensorShape({2, 512});
    QVERIFY(enabled(NumberFormat::GgmlQ4K));
    element->setCurrentIndex(element->findData(int(NumberFormat::GgmlQ4K)));
    QCOMPARE(panel.spec().format.format, NumberFormat::GgmlQ4K);
    // ggml's quantizer searches its own scales: only min–max is left to choose.
    auto* calibration = child<QComboBox>(panel, "calibration");
    QCOMPARE(calibration->currentData().toInt(), int(CalibrationMethod::MinMax));
    QVERIFY(!calibration->isEnabled());
}

void TestSchemePanel::everyChoiceOfferedIsAccepted()
{
    // Walk every format, plain-cast setting, enabled calibration method and granularity the
    // panel offers, as a user would pick them: core analyses each spec the panel emits.
    SchemePanel panel;
    panel.show();
    const Tensor tensor = smallTensor();
    panel.setTensorShape(tensor.shape);
    QSignalSpy changed(&panel, &SchemePanel::specChanged);
    auto* family = child<QComboBox>(panel, "formatFamily");
    auto* element = child<QComboBox>(panel, "formatElement");
    auto* noScale = child<QCheckBox>(panel, "noScale");
    auto* calibration = child<QComboBox>(panel, "calibration");
    auto* granularity = child<QComboBox>(panel, "granularity");
    // Start from a method no other format takes.
    choose(calibration, int(CalibrationMethod::Kl));
    int checked = 0;
    for (int f = 0; f < family->count(); ++f) {
        family->setCurrentIndex(f);
        const int elements = element->isVisible() ? element->count() : 1;
        for (int e = 0; e < elements; ++e) {
            if (element->isVisible()) {
                if (!itemEnabled(element, e)) {
                    continue; // a ggml type whose blocks do not tile the tensor's rows
                }
                element->setCurrentIndex(e);
            }
            for (const bool plain : {false, true}) {
                if (plain && !noScale->isVisible()) {
                    continue;
                }
                noScale->setChecked(plain);
                // A format with one fixed calibration disables the choice: try it as it stands.
                QList<int> methods;
                for (int c = 0; c < calibration->count(); ++c) {
                    if (calibration->isEnabled() ? itemEnabled(calibration, c)
                                                 : c == calibration->currentIndex()) {
                        methods << c;
                    }
                }
                for (const int c : methods) {
                    calibration->setCurrentIndex(c);
                    const int granularities = granularity->isVisible() ? granularity->count() : 1;
                    for (int g = 0; g < granularities; ++g) {
                        if (granularity->isVisible()) {
                            granularity->setCurrentIndex(g);
                        }
                        const QuantSpec spec = panel.spec();
                        const auto analysis = analyzeTensor(tensor.view(), spec);
                        QVERIFY2(analysis,
                                 qPrintable(describe(spec) +
                                            QString::fromStdString(analysis.error().message)));
                        ++checked;
                    }
                }
            }
        }
    }
    QVERIFY2(checked >= 80,
             qPrintable(QString::number(
                 checked))); // 18 integer, 50 minifloat, 6 MX, 3 NVFP4 and 6 bitsandbytes
    QVERIFY(changed.count() > 50);
    for (const QList<QVariant>& emitted : changed) {
        const auto spec = emitted.at(0).value<QuantSpec>();
        QVERIFY2(checkFormatCalibration(spec), qPrintable(describe(spec)));
    }
}

void TestSchemePanel::aRefusedCalibrationGivesWay()
{
    SchemePanel panel;
    panel.show();
    QSignalSpy changed(&panel, &SchemePanel::specChanged);
    auto* calibration = child<QComboBox>(panel, "calibration");
    auto* limits = child<QLabel>(panel, "calibrationLimits");
    choose(calibration, int(CalibrationMethod::Kl));
    QVERIFY(!limits->isVisible());

    // KL models an integer grid: fp8 takes min–max, percentile or MSE, and says why.
    chooseFormat(panel, NumberFormat::Fp8E4m3);
    QCOMPARE(panel.spec().calibration.method, CalibrationMethod::MinMax);
    QCOMPARE(changed.last().at(0).value<QuantSpec>().calibration.method, CalibrationMethod::MinMax);
    QVERIFY(limits->isVisible());
    QVERIFY(limits->text().contains(QStringLiteral("KL")));
    QVERIFY(calibration->isEnabled());
    QVERIFY(!itemEnabled(calibration, calibration->findData(int(CalibrationMethod::Kl))));
    QVERIFY(itemEnabled(calibration, calibration->findData(int(CalibrationMethod::Percentile))));
    choose(calibration, int(CalibrationMethod::Percentile));
    QCOMPARE(panel.spec().calibration.method, CalibrationMethod::Percentile);

    // MX: min–max only (its scale is a power of two fixed by the block), no choice left.
    chooseFormat(panel, NumberFormat::Mxfp4);
    QCOMPARE(panel.spec().calibration.method, CalibrationMethod::MinMax);
    QVERIFY(!calibration->isEnabled());
    QVERIFY(limits->text().contains(QStringLiteral("power of two")));
    // And the blocks are the format's: no granularity to choose, one line on why.
    QVERIFY(!child<QComboBox>(panel, "granularity")->isVisible());
    QVERIFY(child<QLabel>(panel, "granularityFixed")->text().contains(QStringLiteral("32")));

    // Back on the integer grid every method is offered again, with no line.
    chooseFormat(panel, NumberFormat::Integer);
    QVERIFY(calibration->isEnabled());
    QVERIFY(itemEnabled(calibration, calibration->findData(int(CalibrationMethod::Kl))));
    QVERIFY(!limits->isVisible());
    // The block size cannot leave bitsandbytes' range.
    auto* blockSize = child<QSpinBox>(panel, "blockSize");
    QCOMPARE(blockSize->minimum(), kBnbMinBlockSize);
    QCOMPARE(blockSize->maximum(), kBnbMaxBlockSize);
}

void TestSchemePanel::equationsUseTheTutorialsNotation()
{
    SchemePanel panel;
    auto* formula = child<QLabel>(panel, "formula");
    QuantSpec spec;
    spec.format.format = NumberFormat::Fp8E4m3;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("Scale = max|R| / 448")));
    QVERIFY(formula->text().contains(QStringLiteral("Clip(R / Scale, −448, 448)")));
    spec.format.overflow = Overflow::NonFinite;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("NaN past ±448")));
    spec.format.format = NumberFormat::Fp8E5m2;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("±Inf past ±57344")));
    spec.format.noScale = true;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("Scale = 1")));

    spec = {};
    spec.format.format = NumberFormat::Mxfp4;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("p = ⌊log₂ max|R|⌋")));
    QVERIFY(formula->text().contains(QStringLiteral("[4, 8)"))); // where max|R| / X can land
    spec.format.mxScale = MxScaleRule::Rceil;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("⌈log₂(max|R| / 6)⌉")));
    QVERIFY(formula->text().contains(QStringLiteral("(3, 6]")));
    spec.format.format = NumberFormat::Mxint8;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("Clip(Round(R / X · 64), −127, 127)")));

    spec = {};
    spec.format.format = NumberFormat::Nvfp4;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("S = max|R| / (6 · 448)")));
    spec.format.format = NumberFormat::Nf4;
    spec.format.blockSize = 128;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("absmax = max|R| per block of 128")));
    spec.format.format = NumberFormat::BnbFp4;
    panel.setSpec(spec);
    QVERIFY(formula->text().contains(QStringLiteral("0.00521"))); // bitsandbytes' own levels

    // The integer grid keeps the tutorial's scheme formula.
    panel.setSpec(QuantSpec{});
    QCOMPARE(formula->text(), SchemePanel::formula(Scheme::Symmetric));
}

void TestSchemePanel::bitsPerValueFollowTheTensor()
{
    SchemePanel panel;
    auto* bits = child<QLabel>(panel, "bitsPerValue");
    QuantSpec spec;
    spec.format.format = NumberFormat::Nvfp4;
    panel.setSpec(spec);
    // No tensor yet: a large tensor's 4 + 8/16.
    QVERIFY2(bits->text().contains(QStringLiteral("<b>4.5</b>")), qPrintable(bits->text()));
    // 1001 values: 63 blocks of E4M3 and one float32 tensor scale.
    panel.setTensorShape({1001});
    QVERIFY2(bits->text().contains(QStringLiteral("<b>4.5355</b>")), qPrintable(bits->text()));
    QVERIFY(bits->toolTip().contains(QStringLiteral("1,001")));
    // The integer grid: float16 scales for groups of 128 of a 4×256 tensor, a change of storage
    // moves the figure at once.
    spec = {};
    spec.bits = 4;
    spec.granularity = Granularity::Group;
    spec.groupSize = 128;
    panel.setSpec(spec);
    panel.setTensorShape({4, 256});
    QVERIFY2(bits->text().contains(QStringLiteral("<b>4.5</b>")), qPrintable(bits->text()));
    choose(child<QComboBox>(panel, "scaleStorage"), int(ScaleStorage::Float16));
    QVERIFY2(bits->text().contains(QStringLiteral("<b>4.125</b>")), qPrintable(bits->text()));
}

void TestSchemePanel::windowAnalysesTheChosenFormat()
{
    MainWindow window;
    window.show();
    window.start(PresetSpec{"tutorial-outlier"}, QuantSpec{});
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->current.metrics.codesUsed, std::size_t{4}); // lesson 4's int8
    SchemePanel& panel = *window.schemePanel();

    chooseFormat(panel, NumberFormat::Fp8E4m3);
    QVERIFY(QTest::qWaitFor(
        [&] { return window.snapshot()->spec.format.format == NumberFormat::Fp8E4m3; }, 20000));
    QVERIFY(waitIdle(window));
    // FP8's grid is dense near zero: the ordinary values find 102 codes.
    QCOMPARE(window.snapshot()->current.metrics.codesUsed, std::size_t{102});
    QVERIFY(window.snapshot()->current.metrics.sqnrDb > 46.0);

    chooseFormat(panel, NumberFormat::Mxfp4);
    QVERIFY(QTest::qWaitFor(
        [&] { return window.snapshot()->spec.format.format == NumberFormat::Mxfp4; }, 20000));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t{32}); // ⌈1001 / 32⌉ blocks
    QCOMPARE(window.snapshot()->current.metrics.codesTotal, std::size_t{16});
    // The bits per value are this tensor's now: 4 + 8 · 32 / 1001.
    QVERIFY(child<QLabel>(panel, "bitsPerValue")->text().contains(QStringLiteral("4.2557")));

    chooseFormat(panel, NumberFormat::Nf4);
    child<QSpinBox>(panel, "blockSize")->setValue(128);
    QVERIFY(
        QTest::qWaitFor([&] { return window.snapshot()->spec.format.blockSize == 128; }, 20000));
    QVERIFY(waitIdle(window));
    QCOMPARE(window.snapshot()->current.params.size(), std::size_t{8}); // ⌈1001 / 128⌉
}

void TestSchemePanel::newTextsFollowTheLanguage()
{
    SchemePanel panel;
    panel.show();
    QuantSpec spec;
    spec.format.format = NumberFormat::Mxfp4;
    panel.setSpec(spec);
    auto* family = child<QComboBox>(panel, "formatFamily");
    auto* formula = child<QLabel>(panel, "formula");
    auto* limits = child<QLabel>(panel, "calibrationLimits");
    auto* fixed = child<QLabel>(panel, "granularityFixed");
    auto* bits = child<QLabel>(panel, "bitsPerValue");
    const QString english[] = {family->currentText(), formula->text(), limits->text(),
                               fixed->text(), bits->text()};
    QVERIFY(english[0].startsWith(QStringLiteral("MX")));

    QVERIFY(setLanguage(QStringLiteral("zh_CN")));
    QVERIFY(QTest::qWaitFor([&] { return family->currentText() != english[0]; }));
    const QString chinese[] = {family->currentText(), formula->text(), limits->text(),
                               fixed->text(), bits->text()};
    const auto hasHan = [](const QString& text) {
        return std::ranges::any_of(
            text, [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
    };
    for (std::size_t i = 0; i < std::size(chinese); ++i) {
        QVERIFY2(chinese[i] != english[i] && hasHan(chinese[i]), qPrintable(chinese[i]));
    }
    // The tutorial's terms: 缩放因子 for Scale.
    QVERIFY(formula->text().contains(QStringLiteral("缩放因子")) ||
            limits->text().contains(QStringLiteral("缩放因子")));
    // The state is kept.
    QVERIFY(panel.spec() == spec);

    QVERIFY(setLanguage(QStringLiteral("en")));
    QVERIFY(QTest::qWaitFor([&] { return family->currentText() == english[0]; }));
    QCOMPARE(formula->text(), english[1]);
}

QTEST_MAIN(TestSchemePanel)
#include "tst_scheme_panel.moc"
