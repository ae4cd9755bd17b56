#pragma once
// ACIQ: analytic clipping (Banner, Nahshan, Soudry, "Post training 4-bit quantization of
// convolutional networks for rapid-deployment", NeurIPS 2019). For a Gaussian (σ) or Laplace
// (b = mean|R − μ|) prior the clipping value α minimises the expected error of M-bit uniform
// quantization over [μ − α, μ + α]:
//   Laplace:  E(α) = 2b²·e^(−α/b)                                          + α²/(3·4^M)
//   Gauss:    E(α) = (α² + σ²)·erfc(α/(σ√2)) − √(2/π)·α·σ·e^(−α²/(2σ²))   + α²/(3·4^M)
// (clipping noise + rounding noise). The paper's table for 2..8 bits is used as published;
// other bit widths minimise E numerically.

#include "quant/choose_params.h"
#include "quant/group_stats.h"
#include "quant/quant_spec.h"

namespace qs {

double aciqGaussAlpha(int bits);   // α/σ
double aciqLaplaceAlpha(int bits); // α/b

// The minimiser of the closed-form expected error for unit σ or b (golden-section search).
double aciqMinimiser(CalibrationMethod method, int bits);

// [μ − α, μ + α], kept inside the data's [min, max].
RealRange aciqRange(const GroupStats& stats, CalibrationMethod method, int bits);

} // namespace qs
