#pragma once
// The sums a pass adds up over its finite inputs and the metrics they give (analysis/metrics.h
// defines them), shared by the fused pass and the pass over stored codes.

namespace qs {

struct AgreementSums
{
    double sumX2 = 0; // ΣR²
    double sumE2 = 0; // Σe²
    double sumXD = 0; // ΣR·R'
    double sumD2 = 0; // ΣR'²
    double sumXE = 0; // ΣR·e
};

// ΣR·R' / √(ΣR² ΣR'²), accurate when the error is small (see the .cpp).
double cosineSimilarity(const AgreementSums& s);

// 10·log10(signal / noise), +∞ when noise is 0.
double sqnrDb(double signal, double noise);

} // namespace qs
