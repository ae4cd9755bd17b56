// The real GGUF files of the data folder (see README, "Tests"): zoo.gguf holds 21 real weight
// tensors, each in another ggml type, written by ggml's own quantizers; zoo_f32.gguf the same
// tensors in F32; zoo_dequant.npz ggml's own decoding of every zoo tensor. QuantScope must
// quantize zoo_f32's tensors into zoo's bytes, decode zoo's tensors into ggml's floats, and list
// the lattice tensor it cannot decode with the reason.

#include "analysis/ggml_quantization.h"
#include "analysis/ggml_scale_usage.h"
#include "ggml/block_codec.h"
#include "io/archive_factory.h"
#include "io/tensor_source.h"
#include "support/cli_run.h"
#include "support/temp_files.h"
#include "support/test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <bit>
#include <cmath>

using namespace qs;

namespace {

std::unique_ptr<TensorArchive> openReal(const QString& name)
{
    auto archive = openTensorArchive(FileSpec{test::realData(name).toStdString(), {}, {}});
    if (!archive) {
        QTest::qFail(archive.error().describe().c_str(), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(*archive);
}

// zoo_dequant.npz spells '/' as "__".
std::string npzName(std::string name)
{
    for (std::size_t at = name.find('/'); at != std::string::npos; at = name.find('/')) {
        name.replace(at, 1, "__");
    }
    return name;
}

} // namespace

class TestGgmlFiles : public QObject
{
    Q_OBJECT

private slots:
    void quantizingTheFloatsGivesTheFilesBytes();
    void decodingGivesGgmlsValues();
    void latticeTypesAreListedAndRefused();
    void quantizedTensorsAreMarked();
    void modelAuditsTheLabel();
    void convertWritesTheDecodedValues();
    void modelMeasuresAgainstTheFloats();
    void storedTensorsAnalyseAsStored();
    void storedScalesAreCounted_data();
    void storedScalesAreCounted();
    void recipeStaysWithinTheBudget();
};

void TestGgmlFiles::quantizingTheFloatsGivesTheFilesBytes()
{
    const auto zoo = openReal("gguf/zoo.gguf");
    const auto floats = openReal("gguf/zoo_f32.gguf");
    QVERIFY(zoo && floats);
    int compared = 0;
    for (std::size_t i = 0; i < zoo->entries().size(); ++i) {
        const auto stored = zoo->storedBlocks(i);
        if (!stored) {
            continue;
        }
        const std::string& name = zoo->entries()[i].name;
        const auto source = floats->find(name);
        QVERIFY2(source.has_value(), name.c_str());
        auto loaded = floats->load(*source);
        QVERIFY2(loaded.has_value(), name.c_str());
        const auto rowLength = static_cast<std::size_t>(loaded->tensor.shape.back());
        auto quantized = quantizeToGgml(loaded->tensor.values, rowLength, *stored->type);
        QVERIFY2(quantized.has_value(), name.c_str());
        QVERIFY2(std::ranges::equal(quantized->blocks, stored->bytes),
                 qPrintable(QStringLiteral("%1 (%2): bytes differ from ggml's")
                                .arg(QString::fromStdString(name))
                                .arg(QString::fromLatin1(stored->type->name))));
        ++compared;
    }
    QCOMPARE(compared, 16); // every block type of the zoo but the lattice one
}

void TestGgmlFiles::decodingGivesGgmlsValues()
{
    const auto zoo = openReal("gguf/zoo.gguf");
    const auto reference = openReal("gguf/zoo_dequant.npz");
    QVERIFY(zoo && reference);
    int compared = 0;
    for (std::size_t i = 0; i < zoo->entries().size(); ++i) {
        const TensorEntry& entry = zoo->entries()[i];
        if (!entry.unsupported.empty()) {
            continue;
        }
        auto ours = zoo->load(i);
        QVERIFY2(ours.has_value(), entry.name.c_str());
        const auto theirs = reference->find(npzName(entry.name));
        QVERIFY2(theirs.has_value(), entry.name.c_str());
        auto expected = reference->load(*theirs);
        QVERIFY(expected.has_value());
        QCOMPARE(ours->tensor.values.size(), expected->tensor.values.size());
        for (std::size_t k = 0; k < ours->tensor.values.size(); ++k) {
            const float a = ours->tensor.values[k];
            const float b = expected->tensor.values[k];
            QVERIFY2(std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b),
                     qPrintable(QStringLiteral("%1 [%2]: %3 against ggml's %4 (%5)")
                                    .arg(QString::fromStdString(entry.name))
                                    .arg(k)
                                    .arg(double(a), 0, 'g', 9)
                                    .arg(double(b), 0, 'g', 9)
                                    .arg(QString::fromStdString(entry.dtype))));
        }
        ++compared;
    }
    QCOMPARE(compared, 20);
}

void TestGgmlFiles::latticeTypesAreListedAndRefused()
{
    const auto zoo = openReal("gguf/zoo.gguf");
    QVERIFY(zoo);
    const auto index = zoo->find("lattice/GFF_2/kernel.iq3_xxs");
    QVERIFY(index.has_value());
    const TensorEntry& entry = zoo->entries()[*index];
    QCOMPARE(entry.dtype, std::string("iq3_xxs"));
    QCOMPARE(entry.bytes, std::uint64_t{144 * 256 / 256 * 98});
    QVERIFY(entry.unsupported.find("lattice") != std::string::npos);
    auto refused = zoo->load(*index);
    QVERIFY(!refused);
    QVERIFY(refused.error().describe().find("lattice/GFF_2/kernel.iq3_xxs") != std::string::npos);
}

void TestGgmlFiles::quantizedTensorsAreMarked()
{
    const auto zoo = openReal("gguf/zoo.gguf");
    QVERIFY(zoo);
    for (const TensorEntry& entry : zoo->entries()) {
        const ggml::TypeInfo* type = ggml::typeByName(entry.dtype);
        QVERIFY2(type != nullptr, entry.dtype.c_str());
        QCOMPARE(entry.alreadyQuantized, type->kind == ggml::TypeKind::Block);
    }
}

void TestGgmlFiles::modelAuditsTheLabel()
{
    // zoo.gguf says Q4_K_M (llama_ftype 15) but holds every type once.
    const test::CliRun run = test::runCli({"model", test::realData("gguf/zoo.gguf"), "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject gguf = json["gguf"].toObject();
    QCOMPARE(gguf["file_type"].toInt(), 15);
    QCOMPARE(gguf["file_type_name"].toString(), QStringLiteral("Q4_K_M"));
    QCOMPARE(gguf["claimed_type"].toString(), QStringLiteral("q4_k"));
    QVERIFY(gguf["label_disagrees"].toBool());
    QVERIFY(!gguf["note"].toString().isEmpty());
    QCOMPARE(gguf["types"].toArray().size(), 20);
    QCOMPARE(gguf["type_map"].toArray().size(), 21);
    double bytes = 0;
    for (const QJsonValue& t : gguf["types"].toArray()) {
        bytes += t.toObject()["bytes"].toDouble();
    }
    QCOMPARE(bytes, gguf["bytes"].toDouble());
    for (const QJsonValue& t : json["tensors"].toArray()) {
        const QJsonObject tensor = t.toObject();
        QCOMPARE(tensor["type"].toString(), tensor["dtype"].toString());
        QVERIFY(tensor["bits_per_value"].toDouble() > 0);
    }
    QCOMPARE(json["tensors"].toArray().size(), 20); // the lattice tensor is skipped, with why
    QVERIFY(json["skipped"].toArray().first().toObject()["reason"].toString().contains("lattice"));
}

void TestGgmlFiles::convertWritesTheDecodedValues()
{
    test::ScratchDir dir;
    const QString out = QString::fromStdString(dir.path("q4k.npy"));
    const QString source = test::realData("gguf/zoo.gguf") + "#upscaler/GFF_1/kernel";
    const test::CliRun run = test::runCli({"convert", source, "--out", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    auto written = openTensorArchive(FileSpec{out.toStdString(), {}, {}});
    auto reference = openReal("gguf/zoo_dequant.npz");
    QVERIFY(written && reference);
    auto ours = (*written)->load(0);
    auto theirs = reference->load(*reference->find("upscaler__GFF_1__kernel"));
    QVERIFY(ours && theirs);
    QCOMPARE(ours->tensor.shape, theirs->tensor.shape);
    QVERIFY(ours->tensor.values == theirs->tensor.values);
}

void TestGgmlFiles::modelMeasuresAgainstTheFloats()
{
    const test::CliRun run = test::runCli({"model", test::realData("gguf/zoo.gguf"), "--reference",
                                           test::realData("gguf/zoo_f32.gguf"), "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const auto decoded = openReal("gguf/zoo_dequant.npz");
    const auto floats = openReal("gguf/zoo_f32.gguf");
    QVERIFY(decoded && floats);
    int measured = 0;
    for (const QJsonValue& value : json["tensors"].toArray()) {
        const QJsonObject tensor = value.toObject();
        const std::string name = tensor["name"].toString().toStdString();
        // SQNR of ggml's own decoding against the floats, summed here.
        auto stored = decoded->load(*decoded->find(npzName(name)));
        auto reference = floats->load(*floats->find(name));
        QVERIFY(stored && reference);
        double signal = 0;
        double noise = 0;
        for (std::size_t i = 0; i < stored->tensor.values.size(); ++i) {
            const double r = reference->tensor.values[i];
            const double e =
                static_cast<double>(stored->tensor.values[i] - reference->tensor.values[i]);
            signal += r * r;
            noise += e * e;
        }
        const QJsonObject against = tensor["reference"].toObject();
        if (noise == 0) {
            QVERIFY(against["sqnr_db"].isNull()); // lossless (f32): +inf is written as null
            continue;
        }
        const double sqnr = 10 * std::log10(signal / noise);
        QVERIFY2(std::fabs(against["sqnr_db"].toDouble() - sqnr) < 1e-9,
                 qPrintable(QStringLiteral("%1: %2 against %3")
                                .arg(QString::fromStdString(name))
                                .arg(against["sqnr_db"].toDouble())
                                .arg(sqnr)));
        ++measured;
        if (tensor["type"].toString() == "q4_k") {
            // Each other 4-bit type quantized from the floats: q4_0, q4_1, iq4_nl, iq4_xs,
            // mxfp4, nvfp4 (rows of 256 take them all).
            QCOMPARE(tensor["alternatives"].toArray().size(), 6);
        }
    }
    QVERIFY(measured >= 17);
    QCOMPARE(json["reference_unmatched"].toArray().size(), 1); // the lattice tensor
}

void TestGgmlFiles::storedTensorsAnalyseAsStored()
{
    // silero/encoder.3.reparam_conv.weight is stored as q4_k: under q4_k the file's codes and
    // grids are shown as they are, under another format the stored values are re-quantized.
    const QString tensor =
        test::realData("gguf/zoo.gguf") + "#silero/encoder.3.reparam_conv.weight";
    test::ScratchDir dir;
    const QString codes = QString::fromStdString(dir.path("codes.npy"));
    const test::CliRun stored = test::runCli(
        {"analyze", "--json", "--input", tensor, "--format", "q4_k", "--dump-codes", codes});
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
    const QJsonObject json = QJsonDocument::fromJson(stored.out.toUtf8()).object();
    QCOMPARE(json["metrics"].toObject()["mse"].toDouble(), 0.0);
    QVERIFY(QJsonDocument(json["warnings"].toArray()).toJson().contains("shown as stored"));
    // The codes are the file's: decoded from its blocks here.
    const auto zoo = openReal("gguf/zoo.gguf");
    const auto blocks = zoo->storedBlocks(*zoo->find("silero/encoder.3.reparam_conv.weight"));
    QVERIFY(blocks.has_value());
    auto decoded = decodeGgml(blocks->bytes, *blocks->type);
    QVERIFY(decoded);
    const QByteArray written = test::readFileBytes(codes);
    const QByteArray tail = written.right(static_cast<qsizetype>(decoded->codes.size()));
    for (std::size_t i = 0; i < decoded->codes.size(); ++i) {
        QCOMPARE(
            static_cast<std::int32_t>(static_cast<std::uint8_t>(tail[static_cast<qsizetype>(i)])),
            decoded->codes[i]);
    }
    const test::CliRun again =
        test::runCli({"analyze", "--json", "--input", tensor, "--format", "q4_0"});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonObject other = QJsonDocument::fromJson(again.out.toUtf8()).object();
    QVERIFY(other["metrics"].toObject()["mse"].toDouble() > 0);
    QVERIFY(
        QJsonDocument(other["warnings"].toArray()).toJson().contains("stored quantized as q4_k"));
}

void TestGgmlFiles::storedScalesAreCounted_data()
{
    // Read from zoo.gguf's blocks by a separate reading of ggml's block structs: the scale fields
    // (blocks: d fields; MXFP4 and NVFP4 their E8M0 / UE4M3 bytes), the codes used, lowest and
    // highest, and the count of `code`.
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<int>("blocks");
    QTest::addColumn<double>("dLowest");
    QTest::addColumn<double>("dHighest");
    QTest::addColumn<int>("used");
    QTest::addColumn<int>("lowest");
    QTest::addColumn<int>("highest");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("codeCount");
    QTest::newRow("q4_k") << "silero/encoder.3.reparam_conv.weight" << 96 << 0.00019347667694091797
                          << 0.00858306884765625 << 62 << 2 << 63 << 63 << 96;
    QTest::newRow("q6_k") << "silero/decoder.rnn.weight_hh" << 256 << -0.0006275177001953125
                          << 0.000518798828125 << 222 << -128 << 127 << -128 << 256;
    QTest::newRow("q2_k") << "silero/encoder.1.reparam_conv.weight" << 96 << 0.002605438232421875
                          << 0.06134033203125 << 16 << 0 << 15 << 7 << 183;
    QTest::newRow("q4_1") << "upscaler/UPN1/kernel" << 3200 << 0.0052337646484375
                          << 0.0251312255859375 << 0 << 0 << 0 << 0 << 0;
    QTest::newRow("tq2_0") << "ternary/UPN1/kernel.tq2_0" << 64 << 0.068359375 << 0.234130859375
                           << 0 << 0 << 0 << 0 << 0;
    QTest::newRow("mxfp4") << "upscaler/F_1_1/kernel" << 72 << 0.0 << 0.0 << 2 << 121 << 122 << 121
                           << 53;
    QTest::newRow("nvfp4") << "upscaler/F_2_1/kernel" << 144 << 0.0 << 0.0 << 12 << 4 << 15 << 7
                           << 36;
}

void TestGgmlFiles::storedScalesAreCounted()
{
    QFETCH(QString, tensor);
    QFETCH(int, blocks);
    QFETCH(double, dLowest);
    QFETCH(double, dHighest);
    QFETCH(int, used);
    QFETCH(int, lowest);
    QFETCH(int, highest);
    QFETCH(int, code);
    QFETCH(int, codeCount);
    const auto zoo = openReal("gguf/zoo.gguf");
    QVERIFY(zoo);
    const auto stored = zoo->storedBlocks(*zoo->find(tensor.toStdString()));
    QVERIFY(stored.has_value());
    const ScaleUsage usage = ggmlScaleUsage(*stored->type, stored->bytes);
    QCOMPARE(int(usage.blocks), blocks);
    if (usage.storage != ScaleStorageKind::Fp16) { // the E8M0 / UE4M3 bytes
        QCOMPARE(int(usage.codesUsed()), used);
        QCOMPARE(usage.lowestCode, lowest);
        QCOMPARE(usage.highestCode, highest);
        QCOMPARE(int(usage.codeCounts[std::size_t(code)]), codeCount);
        return;
    }
    QCOMPARE(int(usage.values.total()), blocks);
    QCOMPARE(usage.values.lo, dLowest);
    QCOMPARE(usage.values.hi, dHighest);
    QCOMPARE(int(usage.subScales.codesUsed()), used);
    if (used > 0) {
        QCOMPARE(usage.subScales.lowest, lowest);
        QCOMPARE(usage.subScales.highest, highest);
        QCOMPARE(int(usage.subScales.count(code)), codeCount);
    }
}

void TestGgmlFiles::recipeStaysWithinTheBudget()
{
    const auto recipe = [](const QString& bits) {
        return test::runCli({"model", test::realData("gguf/zoo.gguf"), "--reference",
                             test::realData("gguf/zoo_f32.gguf"), "--recipe", bits, "--json"});
    };
    const test::CliRun tight = recipe("4.5");
    QVERIFY2(tight.exitCode == 0, qPrintable(tight.err));
    const QJsonObject json =
        QJsonDocument::fromJson(tight.out.toUtf8()).object()["recipe"].toObject();
    QVERIFY(json["bits_per_value"].toDouble() <= 4.5);
    QCOMPARE(json["tensors"].toArray().size(), 21); // every tensor, fixed ones included
    QVERIFY(json["arguments"].toString().startsWith("--tensor-type '^"));
    double sum = 0;
    for (const QJsonValue& t : json["tensors"].toArray()) {
        sum += t.toObject()["error"].toDouble();
    }
    QVERIFY(std::fabs(sum - json["total_error"].toDouble()) <= 1e-9 * sum);
    // With room to spare every tensor takes its least error: never worse than the file.
    const test::CliRun roomy = recipe("16");
    QVERIFY2(roomy.exitCode == 0, qPrintable(roomy.err));
    const QJsonObject wide =
        QJsonDocument::fromJson(roomy.out.toUtf8()).object()["recipe"].toObject();
    QVERIFY(wide["total_error"].toDouble() <= wide["current_total_error"].toDouble());
    QVERIFY(wide["total_error"].toDouble() <= json["total_error"].toDouble());
    // Below the cheapest choice: refused, saying what is achievable.
    const test::CliRun impossible = recipe("1");
    QCOMPARE(impossible.exitCode, 2);
    QVERIFY2(impossible.err.contains("bits per value"), qPrintable(impossible.err));
    QCOMPARE(test::runCli({"model", test::realData("gguf/zoo.gguf"), "--recipe", "4"}).exitCode, 2);
    // The reports people read say the same: the audit, the flagged label, the recipe's lines.
    test::ScratchDir dir;
    for (const QString name : {"r.html", "r.md"}) {
        const QString out = QString::fromStdString(dir.path(name));
        const test::CliRun report =
            test::runCli({"model", test::realData("gguf/zoo.gguf"), "--reference",
                          test::realData("gguf/zoo_f32.gguf"), "--recipe", "4.5", "--out", out});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        // (Markdown escapes the underscores: compare without its backslashes.)
        const QString text = QString::fromUtf8(test::readFileBytes(out)).remove(QLatin1Char('\\'));
        QVERIFY2(text.contains("GGUF: 6.058 bits per value") && text.contains("Labelled Q4_K_M") &&
                     text.contains("The label disagrees") && text.contains("--tensor-type") &&
                     text.contains("Recipe within 4.50 bits per value") &&
                     text.contains("stored vs reference SQNR dB") && text.contains("46.72"),
                 qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestGgmlFiles)
#include "tst_ggml_files.moc"
