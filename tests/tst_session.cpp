// Sessions: every kind of source and every scheme and number-format field survive a save and a
// load; sessions from before the number formats load as the integer grid; malformed,
// newer and dangling sessions are refused with a message naming the file; relative paths resolve
// beside the session; a failed save leaves the old session whole.

#include "session/session.h"
#include "support/temp_files.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

Q_DECLARE_METATYPE(qs::FormatSpec)

using namespace qs;

namespace {

QuantSpec everyFieldSet()
{
    QuantSpec spec;
    spec.scheme = Scheme::Asymmetric;
    spec.bits = 5;
    spec.isSigned = false;
    spec.narrowRange = true;
    spec.rounding = Rounding::Stochastic;
    spec.roundingSeed = 77;
    spec.zeroPointAnchor = ZeroPointAnchor::Min;
    spec.convention = Convention::PyTorch;
    spec.preset = "pytorch-per-tensor-affine-quint8";
    spec.granularity = Granularity::Channel;
    spec.axis = -1;
    spec.groupSize = 64;
    spec.calibration = {CalibrationMethod::Kl,
                        99.9,
                        4097,
                        256,
                        100,
                        KlVariant::MxNet,
                        PercentileVariant::OnnxRuntime,
                        MseVariant::PytorchQuantization,
                        -0.125, // a manual range, kept whatever the method
                        3.75};
    return spec;
}

GenerateSpec unusualGenerator()
{
    GenerateSpec g;
    g.distribution = Distribution::Bimodal;
    g.shape = {12, 34};
    g.seed = 4242;
    g.mean = -0.1;
    g.std = 0.3;
    g.low = -2;
    g.high = 5;
    g.scale = 0.7;
    g.df = 4.5;
    g.mean2 = 2.25;
    g.weight = 0.3;
    g.outliers = {3, 25.5, OutlierUnit::Absolute, OutlierSign::Alternate};
    return g;
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void formatRoundTrip_data();
    void formatRoundTrip();
    void sessionWithoutFormatIsTheIntegerGrid();
    void sessionWithoutVariantsTakesTheDefaults();
    void sessionWithoutShootoutKeepsItsDefaults();
    void relativePathsResolveBesideTheSession();
    void refused_data();
    void refused();
    void danglingFileIsRefused();
    void failedSaveKeepsTheOldSession();
};

void TestSession::roundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("generator") << 0;
    QTest::newRow("preset") << 1;
    QTest::newRow("raw file") << 2;
}

void TestSession::roundTrip()
{
    QFETCH(int, kind);
    test::ScratchDir dir;
    const std::string data = dir.write("w.dat", QByteArray(64, '\0'));
    Session session;
    if (kind == 0) {
        session.source = unusualGenerator();
    } else if (kind == 1) {
        session.source = PresetSpec{"tutorial-outlier"};
    } else {
        FileSpec file{data, "w", RawSpec{Dtype::Int16, ByteOrder::Big, Shape{4, 8}, 0}};
        session.source = file;
    }
    session.spec = everyFieldSet();
    session.view = {"sweeps", "walkthrough", std::pair(-0.5, 1.25), 4.5, true, 7, 8, 4};
    const std::string path = dir.path("s.qscope");
    QVERIFY(writeSession(path, session));
    const auto read = readSession(path);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QVERIFY(*read == session);
    // Unset narrow range stays unset (the scheme's default), not frozen to its current value.
    session.spec.narrowRange.reset();
    QVERIFY(writeSession(path, session));
    QVERIFY(!readSession(path)->spec.narrowRange.has_value());
}

void TestSession::formatRoundTrip_data()
{
    // Every field away from its default, those the format does not use as well: the window's
    // hidden choices come back too.
    QTest::addColumn<FormatSpec>("format");
    const auto everyField = [](NumberFormat format) {
        FormatSpec f;
        f.format = format;
        f.noScale = true;
        f.overflow = Overflow::NonFinite;
        f.mxScale = MxScaleRule::Rceil;
        f.elementRounding = ElementRounding::Away;
        f.nvfp4Flavour = Nvfp4Flavour::Torchao;
        f.blockSize = 4096;
        f.bnbBackend = BnbBackend::Cuda;
        f.scaleStorage = ScaleStorage::Float16;
        return f;
    };
    QTest::newRow("integer, float16 scales") << everyField(NumberFormat::Integer);
    QTest::newRow("fp8-e5m2") << everyField(NumberFormat::Fp8E5m2);
    QTest::newRow("fp4-e2m1") << everyField(NumberFormat::Fp4E2m1);
    QTest::newRow("mxint8") << everyField(NumberFormat::Mxint8);
    QTest::newRow("nvfp4") << everyField(NumberFormat::Nvfp4);
    QTest::newRow("nf4") << everyField(NumberFormat::Nf4);
    FormatSpec modelopt;
    modelopt.format = NumberFormat::Nvfp4;
    modelopt.nvfp4Flavour = Nvfp4Flavour::Modelopt;
    modelopt.blockSize = 32;
    QTest::newRow("nvfp4 modelopt, the rest default") << modelopt;
}

void TestSession::formatRoundTrip()
{
    QFETCH(FormatSpec, format);
    test::ScratchDir dir;
    Session session{PresetSpec{"heavy-tailed-weights"}, {}, {}};
    session.spec.format = format;
    session.spec.calibration.method = CalibrationMethod::Mse;
    const std::string path = dir.path("f.qscope");
    QVERIFY(writeSession(path, session));
    const auto read = readSession(path);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QVERIFY(read->spec.format == format);
    QVERIFY(*read == session);
    // Stored by the names the CLI takes.
    const std::string text = sessionJson(session);
    QVERIFY(text.find("\"name\": \"" + std::string(numberFormatName(format.format)) + "\"") !=
            std::string::npos);
}

void TestSession::sessionWithoutFormatIsTheIntegerGrid()
{
    // A session written before the number formats: its scheme has no "format".
    QuantSpec spec = everyFieldSet();
    spec.format.format = NumberFormat::Mxfp4;
    QJsonObject root =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(sessionJson(Session{PresetSpec{"tutorial-3"}, spec, {}})))
            .object();
    QJsonObject scheme = root.value("scheme").toObject();
    QVERIFY(scheme.contains("format"));
    scheme.remove("format");
    root.insert("scheme", scheme);
    test::ScratchDir dir;
    const std::string path = dir.write("old.qscope", QJsonDocument(root).toJson());
    const auto read = readSession(path);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QVERIFY(read->spec.isIntegerGrid());
    QVERIFY(read->spec.format == FormatSpec{});
    spec.format = {};
    QVERIFY(read->spec == spec); // and everything else as it was
}

void TestSession::sessionWithoutVariantsTakesTheDefaults()
{
    // A session written before the frameworks' variants: each method's own default.
    QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(sessionJson(Session{
                                                   PresetSpec{"tutorial-3"}, everyFieldSet(), {}})))
                           .object();
    QJsonObject scheme = root.value("scheme").toObject();
    QJsonObject calibration = scheme.value("calibration").toObject();
    QCOMPARE(calibration.value("kl_variant").toString(), QStringLiteral("mxnet"));
    for (const char* key : {"kl_variant", "percentile_variant", "mse_variant"}) {
        calibration.remove(key);
    }
    scheme.insert("calibration", calibration);
    root.insert("scheme", scheme);
    test::ScratchDir dir;
    const std::string path = dir.write("old.qscope", QJsonDocument(root).toJson());
    const auto read = readSession(path);
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->spec.calibration.klVariant, KlVariant::TensorRtPublished);
    QCOMPARE(read->spec.calibration.percentileVariant, PercentileVariant::Exact);
    QCOMPARE(read->spec.calibration.mseVariant, MseVariant::Exact);
    QCOMPARE(read->spec.calibration.klBins, 4097);
    // An unknown variant is the file's error, named.
    calibration.insert("kl_variant", QStringLiteral("caffe"));
    scheme.insert("calibration", calibration);
    root.insert("scheme", scheme);
    const auto bad = readSession(dir.write("bad.qscope", QJsonDocument(root).toJson()));
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.find("kl_variant") != std::string::npos,
             bad.error().message.c_str());
}

void TestSession::sessionWithoutShootoutKeepsItsDefaults()
{
    // A session written before the shoot-out: its view has no class and no best-format bits.
    ViewState view{"model", "formats", std::nullopt, 6, false, 0, 8, 8};
    QJsonObject root =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(sessionJson(Session{PresetSpec{"tutorial-3"}, {}, view})))
            .object();
    QJsonObject saved = root.value("view").toObject();
    QCOMPARE(saved.value("shootout_bits").toInt(), 8);
    QCOMPARE(saved.value("best_format_bits").toInt(), 8);
    saved.remove("shootout_bits");
    saved.remove("best_format_bits");
    root.insert("view", saved);
    test::ScratchDir dir;
    const auto read = readSession(dir.write("old.qscope", QJsonDocument(root).toJson()));
    QVERIFY2(read, read ? "" : read.error().describe().c_str());
    QCOMPARE(read->view.shootoutBits, 4);
    QCOMPARE(read->view.bestFormatBits, 0);
    QCOMPARE(read->view.table, std::string("formats"));
}

void TestSession::relativePathsResolveBesideTheSession()
{
    test::ScratchDir dir;
    const std::string npy = dir.write("w.npy", "x");
    // A session written elsewhere with a path relative to itself: moved together with its data.
    QByteArray text =
        QByteArray::fromStdString(sessionJson(Session{FileSpec{npy, "", {}}, {}, {}}));
    text.replace(QByteArray::fromStdString(npy), "w.npy");
    QVERIFY(text.contains("\"path\": \"w.npy\""));
    const std::string path = dir.write("moved.qscope", text);
    const auto session = readSession(path);
    QVERIFY2(session, session ? "" : session.error().describe().c_str());
    QCOMPARE(std::get<FileSpec>(session->source).path, npy);
}

void TestSession::refused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    const QByteArray good =
        QByteArray::fromStdString(sessionJson(Session{PresetSpec{"tutorial-3"}, {}, {}}));
    const auto replace = [&good](const char* from, const char* to) {
        QByteArray text = good;
        return text.replace(from, to);
    };
    QTest::newRow("not JSON") << QByteArray("{oops") << int(ErrorCode::BadHeader)
                              << "not a QuantScope session";
    QTest::newRow("JSON but not a session")
        << QByteArray("{\"weight_map\": {}}") << int(ErrorCode::BadHeader) << "quantscope_session";
    QTest::newRow("newer version")
        << replace("\"quantscope_session\": 1", "\"quantscope_session\": 9")
        << int(ErrorCode::UnsupportedFormat) << "newer QuantScope (session version 9";
    QTest::newRow("bits out of range")
        << replace("\"bits\": 8", "\"bits\": 40") << int(ErrorCode::BadHeader)
        << "'scheme.bits' must be from 2 to 16";
    QTest::newRow("unknown scheme") << replace("\"name\": \"symmetric\"", "\"name\": \"cubic\"")
                                    << int(ErrorCode::BadHeader) << "got 'cubic'";
    QTest::newRow("wrong type") << replace("\"signed\": true", "\"signed\": \"yes\"")
                                << int(ErrorCode::BadHeader)
                                << "'scheme.signed' must be true or false";
    QTest::newRow("missing field")
        << replace("\"rounding_seed\": 0,", "") << int(ErrorCode::BadHeader)
        << "'scheme.rounding_seed' must be present";
    QTest::newRow("unknown source kind") << replace("\"kind\": \"preset\"", "\"kind\": \"url\"")
                                         << int(ErrorCode::BadHeader) << "generate, preset or file";
    QTest::newRow("bad zoom") << replace("\"zoom\": null", "\"zoom\": [3, 1]")
                              << int(ErrorCode::BadHeader) << "low < high";
    QTest::newRow("unknown format") << replace("\"name\": \"int\"", "\"name\": \"fp12\"")
                                    << int(ErrorCode::BadHeader) << "'scheme.format.name'";
    QTest::newRow("block size out of range")
        << replace("\"block_size\": 64", "\"block_size\": 16") << int(ErrorCode::BadHeader)
        << "'scheme.format.block_size' must be from 32 to 4096";
    QTest::newRow("shoot-out class")
        << replace("\"shootout_bits\": 4", "\"shootout_bits\": 6") << int(ErrorCode::BadHeader)
        << "'view.shootout_bits' must be 4 or 8";
    QTest::newRow("best format bits")
        << replace("\"best_format_bits\": 0", "\"best_format_bits\": \"4\"")
        << int(ErrorCode::BadHeader) << "'view.best_format_bits'";
    QTest::newRow("format field missing")
        << replace("\"mx_scale\": \"floor\",", "") << int(ErrorCode::BadHeader)
        << "'scheme.format.mx_scale' must be present";
}

void TestSession::refused()
{
    QFETCH(QByteArray, text);
    QFETCH(int, code);
    QFETCH(QString, words);
    test::ScratchDir dir;
    const std::string path = dir.write("bad.qscope", text);
    const auto session = readSession(path);
    QVERIFY(!session);
    const std::string message = session.error().describe();
    QCOMPARE(int(session.error().code), code);
    QVERIFY2(message.starts_with(path), message.c_str());
    QVERIFY2(message.find(words.toStdString()) != std::string::npos, message.c_str());
}

void TestSession::danglingFileIsRefused()
{
    test::ScratchDir dir;
    const std::string npy = dir.write("gone.npy", "x");
    const std::string path = dir.path("s.qscope");
    QVERIFY(writeSession(path, Session{FileSpec{npy, "", {}}, {}, {}}));
    QVERIFY(QFile::remove(QString::fromStdString(npy)));
    const auto session = readSession(path);
    QVERIFY(!session);
    QCOMPARE(session.error().code, ErrorCode::FileNotFound);
    QVERIFY(session.error().describe().find("gone.npy' is missing") != std::string::npos);
}

void TestSession::failedSaveKeepsTheOldSession()
{
    test::ScratchDir dir;
    const std::string path = dir.path("keep.qscope");
    const Session first{PresetSpec{"tutorial-3"}, {}, {}};
    QVERIFY(writeSession(path, first));
    // A folder where the temporary file would go: the write fails, the old session stays.
    QVERIFY(writeSession(dir.path("no/such/folder/s.qscope"), first).error().code ==
            ErrorCode::WriteFailed);
    QVERIFY(QDir().mkdir(QString::fromStdString(dir.path("taken.qscope"))));
    QVERIFY(!writeSession(dir.path("taken.qscope"), first));
    QVERIFY(*readSession(path) == first);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
