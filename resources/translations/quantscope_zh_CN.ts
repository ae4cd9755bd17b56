<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalibrationTexts</name>
    <message>
        <source>pytorch-quantization</source>
        <translation>pytorch-quantization</translation>
    </message>
    <message>
        <source>ONNX Runtime</source>
        <translation>ONNX Runtime</translation>
    </message>
    <message>
        <source>MXNet</source>
        <translation>MXNet</translation>
    </message>
    <message>
        <source>Linear interpolation between order statistics, as numpy.percentile.</source>
        <translation>在顺序统计量之间线性插值，与 numpy.percentile 相同。</translation>
    </message>
    <message>
        <source>calib/histogram.py, _compute_amax_percentile: the left edge of the bin where the 2048-bin histogram of |R| reaches P.</source>
        <translation>calib/histogram.py，_compute_amax_percentile：|R| 的 2048 箱直方图累计达到 P 的那个箱的左边界。</translation>
    </message>
    <message>
        <source>calibrate.py, HistogramCollector.compute_percentile: an edge of its 2048-bin histogram (of |R| when symmetric).</source>
        <translation>calibrate.py，HistogramCollector.compute_percentile：其 2048 箱直方图（对称时为 |R| 的直方图）的一个边界。</translation>
    </message>
    <message>
        <source>The least rounding-plus-clipping error of the values themselves.</source>
        <translation>数值本身的舍入加截断误差最小。</translation>
    </message>
    <message>
        <source>calib/histogram.py, _compute_amax_mse: the bin centre from bin 128 whose fake-quantized centres err least.</source>
        <translation>calib/histogram.py，_compute_amax_mse：从第 128 箱起，使伪量化后的箱中心误差最小的那个箱中心。</translation>
    </message>
    <message>
        <source>Migacz, GTC 2017: 2048 bins of |R| from bin 128, threshold at the bin&apos;s centre.</source>
        <translation>Migacz，GTC 2017：|R| 的 2048 个箱，从第 128 箱起，阈值取在箱的中心。</translation>
    </message>
    <message>
        <source>calib/histogram.py, _compute_amax_entropy: bin 0 takes bin 1&apos;s count, np.digitize levels, the last of tied minima, the bin&apos;s edge.</source>
        <translation>calib/histogram.py，_compute_amax_entropy：第 0 箱取第 1 箱的计数，用 np.digitize 划分级，并列最小值取最后一个，阈值取箱的边界。</translation>
    </message>
    <message>
        <source>calibrate.py, get_entropy_threshold: windows around 0 of a 128-bin histogram of R, both distributions smoothed; may choose an asymmetric range.</source>
        <translation>calibrate.py，get_entropy_threshold：在 R 的 128 箱直方图上取以 0 为中心的窗口，两个分布都做平滑；可能选出不对称的范围。</translation>
    </message>
    <message>
        <source>calibrate.cc, _contrib_calibrate_entropy: windows around 0 of an 8001-bin histogram, 255 levels, both smoothed.</source>
        <translation>calibrate.cc，_contrib_calibrate_entropy：在 8001 箱直方图上取以 0 为中心的窗口，255 级，两个分布都做平滑。</translation>
    </message>
    <message>
        <source>exact (NumPy)</source>
        <translation>精确（NumPy）</translation>
    </message>
    <message>
        <source>exact (QuantScope)</source>
        <translation>精确（QuantScope）</translation>
    </message>
    <message>
        <source>TensorRT (published)</source>
        <translation>TensorRT（公开发表）</translation>
    </message>
</context>
<context>
    <name>DataPreset</name>
    <message>
        <source>np.random.seed(8215); np.random.randn(3): the tutorial&apos;s three values</source>
        <translation>np.random.seed(8215); np.random.randn(3)：教程中的三个值</translation>
    </message>
    <message>
        <source>1000 values uniform in [-1, 1] plus one outlier at 100</source>
        <translation>[-1, 1] 内均匀分布的 1000 个值，外加一个位于 100 的离群值</translation>
    </message>
    <message>
        <source>65,536 ReLU activations: half exact zeros</source>
        <translation>65,536 个 ReLU 激活值：一半恰好为零</translation>
    </message>
    <message>
        <source>256x256 Student-t (df 3) weights, scale 0.02</source>
        <translation>256x256 的 Student-t（自由度 3）权重，尺度 0.02</translation>
    </message>
    <message>
        <source>65,536 log-normal values, none below zero</source>
        <translation>65,536 个对数正态值，没有负数</translation>
    </message>
    <message>
        <source>64x256 weights, scale 0.02, with four channels 40 times wider</source>
        <translation>64x256 的权重，尺度 0.02，其中四个通道宽 40 倍</translation>
    </message>
    <message>
        <source>Tutorial: three values</source>
        <translation>教程：三个数</translation>
    </message>
    <message>
        <source>Tutorial: one outlier at 100</source>
        <translation>教程：100 处的一个离群值</translation>
    </message>
    <message>
        <source>ReLU activations</source>
        <translation>ReLU 激活值</translation>
    </message>
    <message>
        <source>Heavy-tailed weights</source>
        <translation>重尾权重</translation>
    </message>
    <message>
        <source>All-positive values</source>
        <translation>全为正的数值</translation>
    </message>
    <message>
        <source>Weights with extreme channels</source>
        <translation>含极端通道的权重</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>the tensor has no elements</source>
        <translation>张量中没有元素</translation>
    </message>
    <message>
        <source>the tensor has no finite values</source>
        <translation>张量中没有有限值</translation>
    </message>
    <message>
        <source>a sweep needs between 2 and %1 points, got %2</source>
        <translation>扫描需要 2 到 %1 个点，实际为 %2</translation>
    </message>
    <message>
        <source>the %1 format fixes the bit width; a bit sweep needs the tutorial or PyTorch convention</source>
        <translation>%1 格式固定了位宽；位宽扫描需要教程或 PyTorch 的算法</translation>
    </message>
    <message>
        <source>the clip sweep varies one threshold for the whole tensor; it needs per-tensor granularity, not %1</source>
        <translation>截断扫描为整个张量改变同一个阈值；它需要逐张量的粒度，而不是 %1</translation>
    </message>
    <message>
        <source> (at byte %1)</source>
        <translation>（位于第 %1 字节）</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>not a file of this format</source>
        <translation>不是该格式的文件</translation>
    </message>
    <message>
        <source>malformed header</source>
        <translation>文件头有误</translation>
    </message>
    <message>
        <source>the file ends early</source>
        <translation>文件提前结束</translation>
    </message>
    <message>
        <source>unsupported data type</source>
        <translation>不支持的数据类型</translation>
    </message>
    <message>
        <source>unsupported format</source>
        <translation>不支持的格式</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>过大</translation>
    </message>
    <message>
        <source>empty tensor</source>
        <translation>空张量</translation>
    </message>
    <message>
        <source>no finite values</source>
        <translation>没有有限值</translation>
    </message>
    <message>
        <source>bad value</source>
        <translation>无效的值</translation>
    </message>
    <message>
        <source>no such tensor</source>
        <translation>没有这个张量</translation>
    </message>
    <message>
        <source>invalid setting</source>
        <translation>无效的设置</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>the %1 format fixes its element and so its bit width; the bit sweep is for the integer grid</source>
        <translation>%1 格式的元素固定了位宽；位宽扫描只适用于整数网格</translation>
    </message>
    <message>
        <source>the clip sweep moves the integer grid&apos;s threshold; the %1 format chooses its scales by its own rule</source>
        <translation>截断扫描移动的是整数网格的阈值；%1 格式按自己的规则选择缩放因子</translation>
    </message>
    <message>
        <source>asks to run code</source>
        <translation>要求执行代码</translation>
    </message>
</context>
<context>
    <name>FormatDerivation</name>
    <message>
        <source>&lt;i&gt;%1 of %2, each with its own scale:&lt;/i&gt;&lt;br&gt;</source>
        <translation>&lt;i&gt;%1（共 %2，各有自己的缩放因子）：&lt;/i&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>No scale: s = 1, a plain cast of R to %1</source>
        <translation>无缩放因子：s = 1，直接把 R 转换为 %1</translation>
    </message>
    <message>
        <source>s = amax / max_element = %1 / %2 = &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>s = amax / max_element = %1 / %2 = &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Q = encode_%1(R / s): a sign bit S, %2 exponent bits E (bias %3) and %4 mantissa bits M, to the nearest value</source>
        <translation>&lt;br&gt;Q = encode_%1(R / s)：一个符号位 S、%2 个指数位 E（偏置 %3）和 %4 个尾数位 M，取最近的值</translation>
    </message>
    <message>
        <source>&lt;br&gt;R′ = decode(Q) · s,  decode(Q) = %1  (E = 0: subnormal, (−1)&lt;sup&gt;S&lt;/sup&gt; · M/%2 · 2&lt;sup&gt;%3&lt;/sup&gt;)</source>
        <translation>&lt;br&gt;R′ = decode(Q) · s,  decode(Q) = %1（E = 0 时为次正规数：(−1)&lt;sup&gt;S&lt;/sup&gt; · M/%2 · 2&lt;sup&gt;%3&lt;/sup&gt;）</translation>
    </message>
    <message>
        <source>The block holds NaN or ±Inf: its scale is NaN (E8M0 0xFF) and so is every value</source>
        <translation>该块含有 NaN 或 ±Inf：其缩放因子为 NaN（E8M0 0xFF），块中每个值也都是 NaN</translation>
    </message>
    <message>
        <source>amax = %1,  ⌊log2 amax⌋ = %2,  shared exponent = %2 − emax (%3) = &lt;b&gt;%4&lt;/b&gt;,  X = %5 (E8M0 %6)</source>
        <translation>amax = %1,  ⌊log2 amax⌋ = %2,  共享指数 = %2 − emax (%3) = &lt;b&gt;%4&lt;/b&gt;,  X = %5 (E8M0 %6)</translation>
    </message>
    <message>
        <source>amax = %1,  ⌊log2 amax⌋ = %2,  rceil: amax / max_element rounded up to a power of two, shared exponent &lt;b&gt;%3&lt;/b&gt;,  X = %4 (E8M0 %5)</source>
        <translation>amax = %1,  ⌊log2 amax⌋ = %2,  rceil：amax / max_element 向上取到 2 的幂，共享指数 &lt;b&gt;%3&lt;/b&gt;,  X = %4 (E8M0 %5)</translation>
    </message>
    <message>
        <source>&lt;br&gt;element = encode_%1(V / X),  R′ = element · X</source>
        <translation>&lt;br&gt;元素 = encode_%1(V / X),  R′ = 元素 · X</translation>
    </message>
    <message>
        <source>&lt;br&gt;k = Clip(Round(V / X · 64), −127, 127),  R′ = X · k / 64</source>
        <translation>&lt;br&gt;k = Clip(Round(V / X · 64), −127, 127),  R′ = X · k / 64</translation>
    </message>
    <message>
        <source>Tensor: gamax = %1,  S_enc = 448·6 / gamax = %2,  S_dec = 1 / S_enc = &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>张量：gamax = %1,  S_enc = 448·6 / gamax = %2,  S_dec = 1 / S_enc = &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Block: vmax = %1,  s = E4M3(vmax · S_enc / 6) = E4M3(%2) = %3 = &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;br&gt;块：vmax = %1,  s = E4M3(vmax · S_enc / 6) = E4M3(%2) = %3 = &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Tensor: gamax = %1,  S_dec = gamax / (448·6) = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>张量：gamax = %1,  S_dec = gamax / (448·6) = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Block: vmax = %1,  s = E4M3(vmax / (6 · S_dec)) = E4M3(%2) = %3 = &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;br&gt;块：vmax = %1,  s = E4M3(vmax / (6 · S_dec)) = E4M3(%2) = %3 = &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Q = E2M1(R / (s · S_dec)),  R′ = decode(Q) · s · S_dec</source>
        <translation>&lt;br&gt;Q = E2M1(R / (s · S_dec)),  R′ = decode(Q) · s · S_dec</translation>
    </message>
    <message>
        <source>absmax = &lt;b&gt;%1&lt;/b&gt;,  xn = R · (1/absmax)</source>
        <translation>absmax = &lt;b&gt;%1&lt;/b&gt;,  xn = R · (1/absmax)</translation>
    </message>
    <message>
        <source>&lt;br&gt;code = the %1 level nearest xn (a midpoint goes to the lower code),  R′ = table[code] · absmax</source>
        <translation>&lt;br&gt;code = 最接近 xn 的 %1 量化级（恰在中点时取较低的码），R′ = table[code] · absmax</translation>
    </message>
    <message>
        <source>Stored by ggml: scale = &lt;b&gt;%1&lt;/b&gt;, min = &lt;b&gt;%2&lt;/b&gt;; R′ = scale · Q + min</source>
        <translation>ggml 存储的值：scale = &lt;b&gt;%1&lt;/b&gt;，min = &lt;b&gt;%2&lt;/b&gt;；R′ = scale · Q + min</translation>
    </message>
    <message>
        <source>Stored by ggml: scale = &lt;b&gt;%1&lt;/b&gt;; R′ = scale · level(Q)</source>
        <translation>ggml 存储的值：scale = &lt;b&gt;%1&lt;/b&gt;；R′ = scale · level(Q)</translation>
    </message>
</context>
<context>
    <name>FormatTexts</name>
    <message>
        <source>Scale = 1 (a plain cast)</source>
        <translation>Scale = 1（直接转换）</translation>
    </message>
    <message>
        <source>Scale = max|R| / %1</source>
        <translation>Scale = max|R| / %1</translation>
    </message>
    <message>
        <source>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(R / Scale), %2 past ±%3</source>
        <translation>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(R / Scale)，超出 ±%3 时为 %2</translation>
    </message>
    <message>
        <source>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(Clip(R / Scale, −%2, %2))</source>
        <translation>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(Clip(R / Scale, −%2, %2))</translation>
    </message>
    <message>
        <source>R′ = Q · Scale</source>
        <translation>R′ = Q · Scale</translation>
    </message>
    <message>
        <source>Round&lt;sub&gt;%1&lt;/sub&gt; goes to the nearest %1 value: %2 of them in every power of two, so the steps are fine near 0 and coarse at the top; |R / Scale| below %3 becomes 0.</source>
        <translation>Round&lt;sub&gt;%1&lt;/sub&gt; 取最近的 %1 值：每个 2 的幂次区间内有 %2 个，所以步长在 0 附近很细、在顶部很粗；|R / Scale| 小于 %3 时变为 0。</translation>
    </message>
    <message>
        <source>X = 2&lt;sup&gt;p&lt;/sup&gt;, p = ⌈log₂(max|R| / %1)⌉ per block of %2 values (an E8M0 scale)</source>
        <translation>X = 2&lt;sup&gt;p&lt;/sup&gt;，p = ⌈log₂(max|R| / %1)⌉，每块 %2 个值（E8M0 缩放因子）</translation>
    </message>
    <message>
        <source>X = 2&lt;sup&gt;p&lt;/sup&gt;, p = ⌊log₂ max|R|⌋ per block of %1 values (an E8M0 scale)</source>
        <translation>X = 2&lt;sup&gt;p&lt;/sup&gt;，p = ⌊log₂ max|R|⌋，每块 %1 个值（E8M0 缩放因子）</translation>
    </message>
    <message>
        <source>X = 2&lt;sup&gt;p − %1&lt;/sup&gt;, p = ⌊log₂ max|R|⌋ per block of %2 values (an E8M0 scale)</source>
        <translation>X = 2&lt;sup&gt;p − %1&lt;/sup&gt;，p = ⌊log₂ max|R|⌋，每块 %2 个值（E8M0 缩放因子）</translation>
    </message>
    <message>
        <source>Q = Clip(Round(R / X · 64), −127, 127)</source>
        <translation>Q = Clip(Round(R / X · 64), −127, 127)</translation>
    </message>
    <message>
        <source>R′ = Q · X / 64</source>
        <translation>R′ = Q · X / 64</translation>
    </message>
    <message>
        <source>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(Clip(R / X, −%2, %2))</source>
        <translation>Q = Round&lt;sub&gt;%1&lt;/sub&gt;(Clip(R / X, −%2, %2))</translation>
    </message>
    <message>
        <source>R′ = Q · X</source>
        <translation>R′ = Q · X</translation>
    </message>
    <message>
        <source>X is a power of two, so max|R| / X lands anywhere in [%1, %2): near %1 part of the element&apos;s range goes unused, past %3 values saturate.</source>
        <translation>X 是 2 的幂，所以 max|R| / X 可能落在 [%1, %2) 内的任何位置：接近 %1 时元素范围有一部分用不到，超过 %3 的值会饱和。</translation>
    </message>
    <message>
        <source>X is a power of two, so max|R| / X lands anywhere in (%1, %2]: nothing saturates, but up to half of the element&apos;s range can go unused.</source>
        <translation>X 是 2 的幂，所以 max|R| / X 可能落在 (%1, %2] 内的任何位置：不会饱和，但元素范围最多可能有一半用不到。</translation>
    </message>
    <message>
        <source>S = max|R| / (6 · 448) for the whole tensor (float32)</source>
        <translation>S = max|R| / (6 · 448)，整个张量一个（float32）</translation>
    </message>
    <message>
        <source>Scale&lt;sub&gt;b&lt;/sub&gt; = Round&lt;sub&gt;E4M3&lt;/sub&gt;(max|R&lt;sub&gt;b&lt;/sub&gt;| / (6 · S)) per block b of %1 values</source>
        <translation>Scale&lt;sub&gt;b&lt;/sub&gt; = Round&lt;sub&gt;E4M3&lt;/sub&gt;(max|R&lt;sub&gt;b&lt;/sub&gt;| / (6 · S))，每个块 b 含 %1 个值</translation>
    </message>
    <message>
        <source>Q = Round&lt;sub&gt;E2M1&lt;/sub&gt;(Clip(R / (Scale&lt;sub&gt;b&lt;/sub&gt; · S), −6, 6))</source>
        <translation>Q = Round&lt;sub&gt;E2M1&lt;/sub&gt;(Clip(R / (Scale&lt;sub&gt;b&lt;/sub&gt; · S), −6, 6))</translation>
    </message>
    <message>
        <source>R′ = Q · Scale&lt;sub&gt;b&lt;/sub&gt; · S</source>
        <translation>R′ = Q · Scale&lt;sub&gt;b&lt;/sub&gt; · S</translation>
    </message>
    <message>
        <source>Transformer Engine: an all-zero block gets Scale&lt;sub&gt;b&lt;/sub&gt; = 0.</source>
        <translation>Transformer Engine：全零块的 Scale&lt;sub&gt;b&lt;/sub&gt; = 0。</translation>
    </message>
    <message>
        <source>ModelOpt: an all-zero block gets Scale&lt;sub&gt;b&lt;/sub&gt; = 1.</source>
        <translation>ModelOpt：全零块的 Scale&lt;sub&gt;b&lt;/sub&gt; = 1。</translation>
    </message>
    <message>
        <source>torchao: Scale&lt;sub&gt;b&lt;/sub&gt; is kept within [2&lt;sup&gt;−6&lt;/sup&gt;, 448].</source>
        <translation>torchao：Scale&lt;sub&gt;b&lt;/sub&gt; 被限制在 [2&lt;sup&gt;−6&lt;/sup&gt;, 448] 内。</translation>
    </message>
    <message>
        <source>Scale&lt;sub&gt;b&lt;/sub&gt; is an E4M3 float, not a power of two: each block&apos;s max|R&lt;sub&gt;b&lt;/sub&gt;| lands close to 6.</source>
        <translation>Scale&lt;sub&gt;b&lt;/sub&gt; 是 E4M3 浮点数，而不是 2 的幂：每块的 max|R&lt;sub&gt;b&lt;/sub&gt;| 都落在 6 附近。</translation>
    </message>
    <message>
        <source>absmax = max|R| per block of %1 values (float32)</source>
        <translation>absmax = max|R|，每块 %1 个值（float32）</translation>
    </message>
    <message>
        <source>Q = the %1 level nearest R / absmax (16 levels in [−1, 1])</source>
        <translation>Q = 最接近 R / absmax 的 %1 量化级（[−1, 1] 内共 16 个量化级）</translation>
    </message>
    <message>
        <source>R′ = level(Q) · absmax</source>
        <translation>R′ = level(Q) · absmax</translation>
    </message>
    <message>
        <source>NF4&apos;s levels sit at the quantiles of a normal distribution: dense near 0, where most weights are.</source>
        <translation>NF4 的量化级位于正态分布的分位数处：在 0 附近很密，而大多数权重正位于那里。</translation>
    </message>
    <message>
        <source>bitsandbytes&apos; FP4 levels are ±{%1}, not E2M1&apos;s.</source>
        <translation>bitsandbytes 的 FP4 量化级是 ±{%1}，不是 E2M1 的量化级。</translation>
    </message>
    <message>
        <source>A plain cast has no scale, so there is nothing to group.</source>
        <translation>直接转换没有缩放因子，因此无需分组。</translation>
    </message>
    <message>
        <source>Fixed by %1: blocks of %2 values along the last axis, each with its own E8M0 scale.</source>
        <translation>由 %1 固定：沿最后一个轴每块 %2 个值，每块有自己的 E8M0 缩放因子。</translation>
    </message>
    <message>
        <source>Fixed by nvfp4: blocks of %1 values along the last axis, each with an E4M3 scale, under one float32 scale for the tensor.</source>
        <translation>由 nvfp4 固定：沿最后一个轴每块 %1 个值，每块一个 E4M3 缩放因子，外加整个张量一个 float32 缩放因子。</translation>
    </message>
    <message>
        <source>Fixed by %1: blocks of %2 values of the flattened tensor (the block size above), each with its float32 absmax.</source>
        <translation>由 %1 固定：展平后的张量每块 %2 个值（即上面的块大小），每块有自己的 float32 absmax。</translation>
    </message>
    <message>
        <source>MX takes min–max only: its scale is a power of two fixed by each block&apos;s max|R|.</source>
        <translation>MX 只支持最小–最大值：它的缩放因子是 2 的幂，由每块的 max|R| 决定。</translation>
    </message>
    <message>
        <source>A plain cast has no scale to calibrate.</source>
        <translation>直接转换没有需要校准的缩放因子。</translation>
    </message>
    <message>
        <source>KL and ACIQ model an integer grid: %1 takes min–max, percentile or least MSE.</source>
        <translation>KL 和 ACIQ 针对的是整数网格：%1 只支持最小–最大值、百分位或最小 MSE。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; bits per value, scales included</source>
        <translation>每值 &lt;b&gt;%1&lt;/b&gt; 位，含缩放因子</translation>
    </message>
    <message>
        <source>On this tensor&apos;s %1 values: the elements&apos; bits plus every scale&apos;s</source>
        <translation>基于该张量的 %1 个值：元素的位数加上所有缩放因子的位数</translation>
    </message>
    <message>
        <source>For a large tensor: the figure for this tensor follows once it is analysed</source>
        <translation>对于大张量：该张量的具体数值会在分析完成后给出</translation>
    </message>
    <message>
        <source>Scales searched per block by ggml&apos;s quantizer, stored as %1</source>
        <translation>每个块的缩放因子由 ggml 的量化器搜索得到，以 %1 存储</translation>
    </message>
    <message>
        <source>R′ = Scale · Q + min, per sub-block of %1 values</source>
        <translation>R′ = Scale · Q + min，每个子块 %1 个值</translation>
    </message>
    <message>
        <source>R′ = Scale · level(Q), per sub-block of %1 values</source>
        <translation>R′ = Scale · level(Q)，每个子块 %1 个值</translation>
    </message>
    <message>
        <source>The bytes are those llama.cpp&apos;s quantizer writes: %1 bits per value, scales included.</source>
        <translation>字节与 llama.cpp 的量化器写出的完全一致：每个值 %1 位（含缩放因子）。</translation>
    </message>
    <message>
        <source>Fixed by %1: each row (the last axis) in whole blocks of %2 values; every %3 values share a scale.</source>
        <translation>由 %1 固定：每一行（最后一个轴）由若干个 %2 个值的完整块组成；每 %3 个值共用一个缩放因子。</translation>
    </message>
    <message>
        <source>%1 takes no calibration: ggml&apos;s quantizer searches each block&apos;s scales itself.</source>
        <translation>%1 不使用校准：ggml 的量化器自行搜索每个块的缩放因子。</translation>
    </message>
</context>
<context>
    <name>GgmlScaleText</name>
    <message>
        <source>%1 (fp16 %2)</source>
        <translation>%1（fp16 %2）</translation>
    </message>
    <message>
        <source>%1: an E8M0 exponent X = 2^(e − 127) per %2 values</source>
        <translation>%1：每 %2 个值一个 E8M0 指数 X = 2^(e − 127)</translation>
    </message>
    <message>
        <source>%1: a UE4M3 scale s per %2 values, no tensor scale</source>
        <translation>%1：每 %2 个值一个 UE4M3 缩放因子 s，无张量缩放因子</translation>
    </message>
    <message>
        <source>%1: fp16 d per %2 values</source>
        <translation>%1：每 %2 个值一个 fp16 d</translation>
    </message>
    <message>
        <source>%1: fp16 d and dmin per %2 values</source>
        <translation>%1：每 %2 个值一个 fp16 d 和 dmin</translation>
    </message>
    <message>
        <source>%1: fp16 d and m per %2 values</source>
        <translation>%1：每 %2 个值一个 fp16 d 和 m</translation>
    </message>
    <message>
        <source>%1-bit scale and minimum codes per %2</source>
        <translation>每 %2 个值一个 %1 位缩放码和最小值码</translation>
    </message>
    <message>
        <source>%1-bit signed scale codes per %2</source>
        <translation>每 %2 个值一个 %1 位有符号缩放码</translation>
    </message>
    <message>
        <source>%1-bit scale codes per %2</source>
        <translation>每 %2 个值一个 %1 位缩放码</translation>
    </message>
    <message>
        <source>%1 (factor %2)</source>
        <translation>%1（因子 %2）</translation>
    </message>
    <message>
        <source>E8M0 %1: X = %2</source>
        <translation>E8M0 %1：X = %2</translation>
    </message>
    <message>
        <source>UE4M3 %1: s = %2</source>
        <translation>UE4M3 %1：s = %2</translation>
    </message>
    <message>
        <source>d %1</source>
        <translation>d %1</translation>
    </message>
    <message>
        <source>, m %1</source>
        <translation>，m %1</translation>
    </message>
    <message>
        <source>super-block %1, sub-block %2 of %3: d %4 × scale code %5 = %6</source>
        <translation>超块 %1，子块 %2 / %3：d %4 × 缩放码 %5 = %6</translation>
    </message>
    <message>
        <source>; dmin %1 × minimum code %2 = %3, subtracted</source>
        <translation>；dmin %1 × 最小值码 %2 = %3，被减去</translation>
    </message>
</context>
<context>
    <name>Granularity</name>
    <message>
        <source>channel %1</source>
        <translation>通道 %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <source>%1 channels</source>
        <translation>%1 个通道</translation>
    </message>
    <message>
        <source>%1 groups</source>
        <translation>%1 个分组</translation>
    </message>
</context>
<context>
    <name>GridText</name>
    <message>
        <source>no scale (a plain cast)</source>
        <translation>无缩放因子（直接转换）</translation>
    </message>
    <message>
        <source>s = %1 (amax / %2)</source>
        <translation>s = %1 (amax / %2)</translation>
    </message>
    <message>
        <source>X = %1 (E8M0 %2)</source>
        <translation>X = %1 (E8M0 %2)</translation>
    </message>
    <message>
        <source>s = %1 (E4M3 %2)</source>
        <translation>s = %1 (E4M3 %2)</translation>
    </message>
    <message>
        <source>absmax %1</source>
        <translation>absmax %1</translation>
    </message>
    <message>
        <source>Scale %1, Z %2</source>
        <translation>缩放因子 %1，Z %2</translation>
    </message>
    <message>
        <source>Scale %1</source>
        <translation>缩放因子 %1</translation>
    </message>
    <message>
        <source>tensor scale S_dec %1</source>
        <translation>张量缩放因子 S_dec %1</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>块 %1</translation>
    </message>
    <message>
        <source>%1 blocks</source>
        <translation>%1 个块</translation>
    </message>
    <message>
        <source>sub-block scale %1, min %2</source>
        <translation>子块缩放因子 %1，最小值 %2</translation>
    </message>
    <message>
        <source>sub-block scale %1</source>
        <translation>子块缩放因子 %1</translation>
    </message>
</context>
<context>
    <name>HistogramOverlays</name>
    <message>
        <source>%1, each with its own grid: the Channels view shows every range</source>
        <translation>%1，各有自己的量化网格：“通道”视图显示每个范围</translation>
    </message>
    <message>
        <source>
clipped: %1 (%2)</source>
        <translation>
截断：%1（%2）</translation>
    </message>
    <message>
        <source>unused: %1 codes (%2)</source>
        <translation>未使用：%1 个码（%2）</translation>
    </message>
    <message>
        <source>clipped: %1</source>
        <translation>截断：%1</translation>
    </message>
    <message>
        <source>code 0</source>
        <translation>码 0</translation>
    </message>
    <message>
        <source>Z = %1</source>
        <translation>Z = %1</translation>
    </message>
    <message>
        <source>%1 beyond %2σ</source>
        <translation>%1 个超出 %2σ</translation>
    </message>
    <message>
        <source>saturated: %1</source>
        <translation>饱和：%1</translation>
    </message>
    <message>
        <source>overflow to NaN/Inf: %1</source>
        <translation>溢出为 NaN/Inf：%1</translation>
    </message>
    <message>
        <source>
saturated: %1 (%2)</source>
        <translation>
饱和：%1（%2）</translation>
    </message>
    <message>
        <source>0 = code %1</source>
        <translation>0 = 码 %1</translation>
    </message>
    <message>
        <source>unused: 1 code (%1)</source>
        <translation>未使用：1 个码（%1）</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
</context>
<context>
    <name>LessonTexts</name>
    <message>
        <source>The general process (一般过程)</source>
        <translation>一般过程</translation>
    </message>
    <message>
        <source>Move R: every value above 1.1516722 comes back as 1.1516722.</source>
        <translation>拖动 R：所有大于 1.1516722 的值反量化后都变成 1.1516722。</translation>
    </message>
    <message>
        <source>Symmetric quantization (对称量化)</source>
        <translation>对称量化</translation>
    </message>
    <message>
        <source>Pick data without negative values: the whole negative half of the codes goes to waste.</source>
        <translation>换成没有负值的数据：整整一半的负数码都被浪费了。</translation>
    </message>
    <message>
        <source>the tutorial&apos;s three values</source>
        <translation>教程中的三个值</translation>
    </message>
    <message>
        <source>all-positive values (log-normal)</source>
        <translation>全为正的值（对数正态）</translation>
    </message>
    <message>
        <source>ReLU activations</source>
        <translation>ReLU 激活值</translation>
    </message>
    <message>
        <source>Asymmetric quantization (非对称量化)</source>
        <translation>非对称量化</translation>
    </message>
    <message>
        <source>Asymmetric quantization keeps Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683 and adds a zero point (零点): Z = Qmax − Round(Rmax / Scale) = 127 − 143 = &lt;b&gt;−16&lt;/b&gt;. The codes become Round(R / Scale + Z), so the grid is shifted onto the data: Rmin lands on −128, Rmax on 127, every code is in reach and the three values come back within 0.0023 (反量化: R′ = (Q − Z) · Scale).</source>
        <translation>非对称量化保留缩放因子 Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683，并加入零点：Z = Qmax − Round(Rmax / Scale) = 127 − 143 = &lt;b&gt;−16&lt;/b&gt;。量化结果变为 Round(R / Scale + Z)，网格被平移到数据上：Rmin 落在 −128，Rmax 落在 127，每个码都用得到，三个值反量化（R′ = (Q − Z) · Scale）后的误差都在 0.0023 以内。</translation>
    </message>
    <message>
        <source>Change the bit width: Scale and Z follow, the grid still spans exactly [Rmin, Rmax].</source>
        <translation>改变位宽：缩放因子和零点随之变化，网格仍然恰好覆盖 [Rmin, Rmax]。</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 位</translation>
    </message>
    <message>
        <source>One outlier</source>
        <translation>一个离群值</translation>
    </message>
    <message>
        <source>The tutorial&apos;s warning: 1000 values in [−1, 1] and one at 100. Symmetric quantization sets Scale = 100 / 127 = 0.787, so every ordinary value rounds to the codes −1, 0 or 1: only &lt;b&gt;4 of 255 codes&lt;/b&gt; are used and 39% of the values land on the zero code. One extreme value decides the step for all the others.</source>
        <translation>教程最后的提醒：[−1, 1] 内有 1000 个值，另有一个值在 100。对称量化得到缩放因子 Scale = 100 / 127 = 0.787，于是每个普通值都被舍入到 −1、0 或 1：&lt;b&gt;255 个码中只用了 4 个&lt;/b&gt;，39% 的值落在零码上。一个极端值决定了所有其他值的步长。</translation>
    </message>
    <message>
        <source>Move the outlier: at 1 the values use the whole grid, at 1000 almost all of them become 0.</source>
        <translation>移动离群值：在 1 时数值用满整个网格，在 1000 时几乎全部变成 0。</translation>
    </message>
    <message>
        <source>Per-channel and per-group scales</source>
        <translation>逐通道与逐分组的缩放因子</translation>
    </message>
    <message>
        <source>Compare one scale for the tensor, per channel and per group of 32.</source>
        <translation>比较整个张量一个缩放因子、每通道一个、每 32 个值一组各一个。</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>per tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <source>per group of 32</source>
        <translation>每 32 个值一组</translation>
    </message>
    <message>
        <source>Calibration: clipping against rounding</source>
        <translation>校准：截断误差与舍入误差</translation>
    </message>
    <message>
        <source>Switch the calibration method and watch the total error in the Error table.</source>
        <translation>切换校准方法，观察“误差”表中的总误差。</translation>
    </message>
    <message>
        <source>min–max (the tutorial)</source>
        <translation>最小–最大值（教程）</translation>
    </message>
    <message>
        <source>percentile 99.99</source>
        <translation>百分位 99.99</translation>
    </message>
    <message>
        <source>least MSE</source>
        <translation>最小 MSE</translation>
    </message>
    <message>
        <source>KL divergence (TensorRT)</source>
        <translation>KL 散度（TensorRT）</translation>
    </message>
    <message>
        <source>ACIQ, Laplace</source>
        <translation>ACIQ，拉普拉斯</translation>
    </message>
    <message>
        <source>The tutorial&apos;s three values [0.21535037, 1.2962357, −1.0161772] are mapped onto the int8 codes −128…127 with Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683, but without a zero point. 1.2962357 / Scale = 142.94 lies beyond Qmax, so it is clipped (截断) to 127 and comes back as 127 · Scale = &lt;b&gt;1.1516722&lt;/b&gt;: an error of −0.14. The walkthrough row marked “yours” shows every step, and the 16 codes below −112 are never used.</source>
        <translation>教程中的三个值 [0.21535037, 1.2962357, −1.0161772] 以缩放因子 Scale = (Rmax − Rmin) / (Qmax − Qmin) = 0.0090683 映射到 int8 的码 −128…127，但没有零点。1.2962357 / Scale = 142.94 超出了 Qmax，因此被截断为 127，反量化后变成 127 · Scale = &lt;b&gt;1.1516722&lt;/b&gt;：误差为 −0.14。步骤表中标为“你的”那一行给出了每一步，而低于 −112 的 16 个码从未被使用。</translation>
    </message>
    <message>
        <source>Symmetric quantization centres the grid on zero: Scale = max|R| / 127 = 0.0102066 and the zero point Z is 0, as in TensorRT. Nothing is clipped (截断): 1.2962357 lands exactly on code 127. But the grid reaches down to −1.2962357 while the smallest value is −1.0161772, so the 27 codes −127…−101 are never used: the shaded area at the left of the histogram, the tutorial&apos;s red area.</source>
        <translation>对称量化让网格以零为中心：缩放因子 Scale = max|R| / 127 = 0.0102066，零点 Z 为 0，与 TensorRT 相同。没有值被截断：1.2962357 恰好落在码 127 上。但网格向下延伸到 −1.2962357，而最小值只有 −1.0161772，所以 −127…−101 这 27 个码从未被使用：即直方图左侧的阴影区域，也就是教程中的红色区域。</translation>
    </message>
    <message>
        <source>Four of these 64 weight channels are 40 times wider than the rest. One Scale for the whole tensor is set by them, and the other 60 channels fall on a handful of codes around zero: SQNR 29.9 dB. With one Scale per channel (axis 0) every channel gets its own grid; the framed plot shows each channel&apos;s SQNR, and the tensor&apos;s rises to 43.2 dB. Groups of 32 values along the last axis, as llama.cpp&apos;s Q8_0 uses, reach 45.5 dB.</source>
        <translation>这 64 个权重通道中有四个比其余的宽 40 倍。整个张量只用一个缩放因子时，它由这四个通道决定，其余 60 个通道只落在零附近的少数几个码上：SQNR 为 29.9 dB。每个通道（轴 0）各用一个缩放因子时，每个通道都有自己的网格；框出的图显示每个通道的 SQNR，整个张量的 SQNR 升到 43.2 dB。像 llama.cpp 的 Q8_0 那样沿最后一个轴每 32 个值一组，可达 45.5 dB。</translation>
    </message>
    <message>
        <source>These heavy-tailed weights have a few values far from the rest. Clipping (截断) at a threshold t below max|R| makes the step smaller, so the rounding error (about Scale²/12 per value) falls while the clipped values&apos; error grows. The framed plot shows both over t and marks where each calibration method puts its threshold. Here min–max (t = 1.63, SQNR 19.4 dB) is beaten only by least MSE (t = 1.22, 20.7 dB); the percentile, KL and ACIQ clip so hard that clipping error wins (17.3, 15.8 and 12.5 dB).</source>
        <translation>这些重尾分布的权重中有少数值远离其余的值。在低于 max|R| 的阈值 t 处截断会让步长变小，于是舍入误差（每个值约 Scale²/12）下降，而被截断值的误差上升。框出的图给出两者随 t 的变化，并标出每种校准方法选取的阈值。这里最小–最大值（t = 1.63，SQNR 19.4 dB）只被最小 MSE（t = 1.22，20.7 dB）超过；百分位、KL 和 ACIQ 截断得太狠，截断误差占了上风（17.3、15.8 和 12.5 dB）。</translation>
    </message>
    <message>
        <source>Floating-point grids: FP8</source>
        <translation>浮点网格：FP8</translation>
    </message>
    <message>
        <source>Lesson 4&apos;s tensor again — 1000 values in [−1, 1] and one outlier at 100 — now as FP8 E4M3. Scale = max|R| / 448 = 0.223 maps the ordinary values into [−4.5, 4.5], and a floating-point grid is dense near zero: E4M3 has 8 values in every power of two, as many between 0.25 and 0.5 as between 32 and 64. So the ordinary values still find fine steps: &lt;b&gt;102 codes&lt;/b&gt; are used where int8 used 4, and the SQNR is 46.2 dB instead of 23.8 dB. The framed transfer plot shows the uneven staircase: tiny steps near 0, wide ones at the top. E5M2 trades a mantissa bit for range (up to 57344): 4 values per power of two, 59 codes, 40.6 dB.</source>
        <translation>又是第 4 课的张量——[−1, 1] 内的 1000 个值和一个位于 100 的离群值——这次用 FP8 E4M3 表示。缩放因子 Scale = max|R| / 448 = 0.223 把普通值映射到 [−4.5, 4.5]，而浮点网格在零附近很密：E4M3 在每个 2 的幂次区间内都有 8 个值，0.25 到 0.5 之间的值与 32 到 64 之间的一样多。因此普通值仍能得到细小的步长：用到了 &lt;b&gt;102 个码&lt;/b&gt;，而 int8 只用了 4 个，SQNR 为 46.2 dB，而不是 23.8 dB。框出的传递曲线显示出不均匀的阶梯：零附近的台阶极小，顶部的台阶很宽。E5M2 用一个尾数位换取范围（最大到 57344）：每个 2 的幂次区间 4 个值，用到 59 个码，40.6 dB。</translation>
    </message>
    <message>
        <source>Switch between E4M3, E5M2 and lesson 4&apos;s int8: watch the codes used and the SQNR in the Error table.</source>
        <translation>在 E4M3、E5M2 和第 4 课的 int8 之间切换：观察“误差”表中的已用码数和 SQNR。</translation>
    </message>
    <message>
        <source>FP8 E4M3 (4 exponent, 3 mantissa bits)</source>
        <translation>FP8 E4M3（4 个指数位，3 个尾数位）</translation>
    </message>
    <message>
        <source>FP8 E5M2 (5 exponent, 2 mantissa bits)</source>
        <translation>FP8 E5M2（5 个指数位，2 个尾数位）</translation>
    </message>
    <message>
        <source>int8, symmetric (lesson 4)</source>
        <translation>int8，对称量化（第 4 课）</translation>
    </message>
    <message>
        <source>Block scaling: MXFP4 against NVFP4</source>
        <translation>块缩放：MXFP4 对比 NVFP4</translation>
    </message>
    <message>
        <source>MXFP4 and NVFP4 store the same E2M1 elements (0, ±0.5, ±1, ±1.5, ±2, ±3, ±4, ±6) with one scale per block. MX&apos;s scale X is a power of two (E8M0): the OCP rule X = 2&lt;sup&gt;p − 2&lt;/sup&gt; with p = ⌊log₂ max|R|⌋ puts a block&apos;s max|R| / X anywhere in [4, 8), so some blocks never reach the codes ±6 and others saturate above 6 (0.72% of these weights are clipped). The rceil rule never clips but leaves max|R| / X in (3, 6]: up to half of the range unused. NVFP4&apos;s block scale is an E4M3 float under a float32 tensor scale, so every block&apos;s max lands close to 6. In the framed table: unused range &lt;b&gt;14.0%&lt;/b&gt; for MXFP4 (23.3% with rceil) against &lt;b&gt;11.6%&lt;/b&gt; for NVFP4, SQNR 17.1 dB (16.5 dB) against 20.9 dB — for 4.5 bits per value instead of 4.25, as NVFP4&apos;s blocks hold 16 values, not 32.</source>
        <translation>MXFP4 和 NVFP4 存储相同的 E2M1 元素（0、±0.5、±1、±1.5、±2、±3、±4、±6），每块一个缩放因子。MX 的缩放因子 X 是 2 的幂（E8M0）：OCP 规则 X = 2&lt;sup&gt;p − 2&lt;/sup&gt;（其中 p = ⌊log₂ max|R|⌋）会让块的 max|R| / X 落在 [4, 8) 内的任何位置，因此有些块永远用不到码 ±6，另一些块则在 6 以上饱和（这些权重中有 0.72% 被截断）。rceil 规则从不截断，但让 max|R| / X 落在 (3, 6] 内：最多有一半范围用不到。NVFP4 的块缩放因子是 E4M3 浮点数，其上还有一个 float32 的张量缩放因子，因此每个块的最大值都落在 6 附近。框出的表中：MXFP4 的未用范围为 &lt;b&gt;14.0%&lt;/b&gt;（用 rceil 时为 23.3%），NVFP4 则为 &lt;b&gt;11.6%&lt;/b&gt;；SQNR 为 17.1 dB（16.5 dB）对 20.9 dB——代价是每个值 4.5 位而不是 4.25 位，因为 NVFP4 的块只有 16 个值，而不是 32 个。</translation>
    </message>
    <message>
        <source>Switch between the two MX scale rules and NVFP4 on the same weights: watch the unused range and the SQNR.</source>
        <translation>在同一组权重上切换两种 MX 缩放规则和 NVFP4：观察未用范围和 SQNR。</translation>
    </message>
    <message>
        <source>MXFP4, the OCP floor rule</source>
        <translation>MXFP4，OCP 的 floor 规则</translation>
    </message>
    <message>
        <source>MXFP4, the rceil rule (NVIDIA)</source>
        <translation>MXFP4，rceil 规则（NVIDIA）</translation>
    </message>
    <message>
        <source>NVFP4 (E4M3 block scales)</source>
        <translation>NVFP4（E4M3 块缩放因子）</translation>
    </message>
    <message>
        <source>Now: R = %1 → R/Scale = %2 → code %3 → R′ = %4</source>
        <translation>现在：R = %1 → R/Scale = %2 → 码 %3 → R′ = %4</translation>
    </message>
    <message>
        <source>Now: %1 values, Scale = %2: %3 of %4 codes used, %5 on the zero code, %6 of the range unused</source>
        <translation>现在：%1 个值，Scale = %2：使用了 %4 个码中的 %3 个，%5 落在零点码上，%6 的范围未使用</translation>
    </message>
    <message>
        <source>Now: %1 bits, codes %2…%3: Scale = %4, Z = %5, SQNR %6 dB</source>
        <translation>现在：%1 位，码 %2…%3：Scale = %4，Z = %5，SQNR %6 dB</translation>
    </message>
    <message>
        <source>Now: SQNR %1 dB, %2 of %3 codes used, %4 clipped</source>
        <translation>现在：SQNR %1 dB，使用了 %3 个码中的 %2 个，截断 %4</translation>
    </message>
    <message>
        <source>Now: the grid ends at t = %1 of max|R| = %2: SQNR %3 dB, %4 clipped</source>
        <translation>现在：网格止于 t = %1（max|R| = %2）：SQNR %3 dB，截断 %4</translation>
    </message>
    <message>
        <source>Now: output SQNR %1 → %2 dB; kurtosis of X %3 → %4, of W %5 → %6</source>
        <translation>现在：输出 SQNR %1 → %2 dB；X 的峰度 %3 → %4，W 的峰度 %5 → %6</translation>
    </message>
    <message>
        <source>Outlier channels in the activations: SmoothQuant&apos;s α</source>
        <translation>激活值中的离群通道：SmoothQuant 的 α</translation>
    </message>
    <message>
        <source>Lesson 8&apos;s weights are now a layer&apos;s W [256, 256], fed synthetic activations X shaped as LLM.int8() measured them in transformers: in 4 of the 256 channels every token carries about ±40, elsewhere about 1. One int8 scale for all of X must reach 71, so the ordinary activations get a handful of codes: the output X·Wᵀ comes out at &lt;b&gt;27.30 dB&lt;/b&gt;. SmoothQuant divides input channel j of X by s&lt;sub&gt;j&lt;/sub&gt; = max|X&lt;sub&gt;j&lt;/sub&gt;|&lt;sup&gt;α&lt;/sup&gt; / max|W&lt;sub&gt;j&lt;/sub&gt;|&lt;sup&gt;1−α&lt;/sup&gt; and multiplies W&apos;s column j by the same s&lt;sub&gt;j&lt;/sub&gt;: the product is unchanged, the difficulty moves. At α = 0.5 it is split — X&apos;s kurtosis falls from 71.25 to 17.27 — and the output reaches &lt;b&gt;39.59 dB&lt;/b&gt;. At α = 1 X is flat (kurtosis 2.99, a Gaussian&apos;s 3) but W now holds the outliers (kurtosis 410) and the output falls back to 35.24 dB. Auto tries every α in steps of 0.05 and keeps 0.65: 40.30 dB.</source>
        <translation>第 8 课的权重现在是某一层的 W [256, 256]，输入合成的激活值 X，其形态与 LLM.int8() 在 Transformer 中测得的一致：256 个通道中有 4 个通道在每个 token 上都约为 ±40，其余约为 1。X 整体只用一个 int8 缩放因子，就必须覆盖到 71，于是普通激活值只分到寥寥几个码：输出 X·Wᵀ 的 SQNR 只有 &lt;b&gt;27.30 dB&lt;/b&gt;。SmoothQuant 把 X 的第 j 个输入通道除以 s&lt;sub&gt;j&lt;/sub&gt; = max|X&lt;sub&gt;j&lt;/sub&gt;|&lt;sup&gt;α&lt;/sup&gt; / max|W&lt;sub&gt;j&lt;/sub&gt;|&lt;sup&gt;1−α&lt;/sup&gt;，并把 W 的第 j 列乘以同一个 s&lt;sub&gt;j&lt;/sub&gt;：乘积不变，难度发生了转移。α = 0.5 时难度被平分——X 的峰度从 71.25 降到 17.27——输出达到 &lt;b&gt;39.59 dB&lt;/b&gt;。α = 1 时 X 变得平坦（峰度 2.99，接近高斯分布的 3），但离群值转到了 W 上（峰度 410），输出回落到 35.24 dB。“自动”以 0.05 为步长尝试每个 α，选中 0.65：40.30 dB。</translation>
    </message>
    <message>
        <source>Move α from 0 to 1: watch the output SQNR and the kurtosis of X and W trade places in the framed table.</source>
        <translation>把 α 从 0 移到 1：观察框出的表格中输出 SQNR 的变化，以及 X 与 W 的峰度此消彼长。</translation>
    </message>
    <message>
        <source>α = %1</source>
        <translation>α = %1</translation>
    </message>
    <message>
        <source>A rotation spreads an outlier over every channel</source>
        <translation>旋转把离群值分散到每个通道</translation>
    </message>
    <message>
        <source>The same layer and activations. Instead of moving the outliers between X and W, a rotation dissolves them: Q = D·H/√256 — random signs D, then the Walsh–Hadamard matrix H — is orthogonal, so (X·Q)(W·Q)ᵀ = X·Wᵀ. Each output channel of X·Q mixes all 256 inputs with weights ±1/16, so a channel at ±40 becomes a share of every channel. In the framed plot the widest channel of X falls from 71.2 to 16.7 while the typical one rises from 3.1 to 9.0: the range is used evenly. X&apos;s kurtosis falls from 71.25 to 2.60 and W&apos;s from 106.71 to 3.26 — both now look Gaussian — and the output SQNR rises from 27.30 to &lt;b&gt;38.70 dB&lt;/b&gt;. SmoothQuant at α = 0.5 first, then the rotation: 47.05 dB.</source>
        <translation>同一层、同样的激活值。旋转不是在 X 和 W 之间搬运离群值，而是把它们化开：Q = D·H/√256——先乘随机符号 D，再乘 Walsh–Hadamard 矩阵 H——是正交矩阵，所以 (X·Q)(W·Q)ᵀ = X·Wᵀ。X·Q 的每个通道都以 ±1/16 的权重混合全部 256 个输入，于是一个 ±40 的通道被分摊到每个通道上。框出的图中，X 最宽通道的最大值从 71.2 降到 16.7，而典型通道从 3.1 升到 9.0：量化范围被均匀地利用。X 的峰度从 71.25 降到 2.60，W 的峰度从 106.71 降到 3.26——两者都接近高斯分布——输出 SQNR 从 27.30 升到 &lt;b&gt;38.70 dB&lt;/b&gt;。先做 α = 0.5 的 SmoothQuant 再旋转：47.05 dB。</translation>
    </message>
    <message>
        <source>Switch the rotation on and off, alone and after SmoothQuant: watch the channel maxima flatten.</source>
        <translation>打开和关闭旋转，单独使用或在 SmoothQuant 之后使用：观察各通道最大值变得平坦。</translation>
    </message>
    <message>
        <source>Hadamard rotation</source>
        <translation>Hadamard 旋转</translation>
    </message>
    <message>
        <source>No transform</source>
        <translation>不做变换</translation>
    </message>
    <message>
        <source>SmoothQuant α = 0.5, then the rotation</source>
        <translation>先做 SmoothQuant α = 0.5，再旋转</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>Mean squared error Σ(R′ − R)²/n over the finite values</source>
        <translation>有限值上的均方误差 Σ(R′ − R)²/n</translation>
    </message>
    <message>
        <source>MSE from rounding</source>
        <translation>舍入造成的 MSE</translation>
    </message>
    <message>
        <source>The part of the MSE from values inside the grid: about Scale²/12, it grows with the clip range</source>
        <translation>MSE 中来自网格内数值的部分：约为 Scale²/12，随截断范围增大而增大</translation>
    </message>
    <message>
        <source>MSE from clipping</source>
        <translation>截断造成的 MSE</translation>
    </message>
    <message>
        <source>The part of the MSE from clipped values: it shrinks as the clip range widens</source>
        <translation>MSE 中来自被截断数值的部分：截断范围越宽越小</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>√MSE, in the units of R</source>
        <translation>√MSE，单位与 R 相同</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>Mean absolute error Σ|R′ − R|/n</source>
        <translation>平均绝对误差 Σ|R′ − R|/n</translation>
    </message>
    <message>
        <source>max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>The largest |R′ − R|: Scale/2 without clipping, more with it</source>
        <translation>最大的 |R′ − R|：无截断时为 Scale/2，有截断时更大</translation>
    </message>
    <message>
        <source>SQNR</source>
        <translation>SQNR</translation>
    </message>
    <message>
        <source>Signal to quantization noise, 10·log10(ΣR²/Σ(R′ − R)²); about 6 dB per bit</source>
        <translation>信号与量化噪声之比，10·log10(ΣR²/Σ(R′ − R)²)；每位约 6 dB</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>ΣR·R′ / (|R|·|R′|): 1 when R′ points exactly where R does</source>
        <translation>ΣR·R′ / (|R|·|R′|)：R′ 与 R 方向完全一致时为 1</translation>
    </message>
    <message>
        <source>clipped below</source>
        <translation>下限截断</translation>
    </message>
    <message>
        <source>Values whose Round(R/Scale + Z) fell below Qmin and were clipped (截断) to it</source>
        <translation>Round(R/Scale + Z) 低于 Qmin 而被截断到 Qmin 的值</translation>
    </message>
    <message>
        <source>clipped above</source>
        <translation>上限截断</translation>
    </message>
    <message>
        <source>Values whose Round(R/Scale + Z) rose above Qmax and were clipped (截断) to it</source>
        <translation>Round(R/Scale + Z) 高于 Qmax 而被截断到 Qmax 的值</translation>
    </message>
    <message>
        <source>clipped share</source>
        <translation>截断比例</translation>
    </message>
    <message>
        <source>The share of the finite values that were clipped</source>
        <translation>被截断的有限值所占比例</translation>
    </message>
    <message>
        <source>codes used</source>
        <translation>已用码数</translation>
    </message>
    <message>
        <source>How many distinct integer codes the values actually take</source>
        <translation>数值实际用到的不同整数码的个数</translation>
    </message>
    <message>
        <source>codes in range</source>
        <translation>范围内码数</translation>
    </message>
    <message>
        <source>Qmax − Qmin + 1: the codes the bit width offers</source>
        <translation>Qmax − Qmin + 1：该位宽提供的码数</translation>
    </message>
    <message>
        <source>zero-code share</source>
        <translation>零码比例</translation>
    </message>
    <message>
        <source>The share of values quantized to the zero point, the code of real 0</source>
        <translation>被量化到零点（实数 0 对应的码）的值所占比例</translation>
    </message>
    <message>
        <source>unused range</source>
        <translation>未用范围</translation>
    </message>
    <message>
        <source>The share of [Qmin, Qmax] that no value inside [min R, max R] can reach: 1 − (q(max R) − q(min R) + 1)/(Qmax − Qmin + 1)</source>
        <translation>[Qmin, Qmax] 中 [min R, max R] 内的任何值都到不了的比例：1 − (q(max R) − q(min R) + 1)/(Qmax − Qmin + 1)</translation>
    </message>
</context>
<context>
    <name>MitigationText</name>
    <message>
        <source>SmoothQuant α = %1</source>
        <translation>SmoothQuant α = %1</translation>
    </message>
    <message>
        <source>rotation (seed %1)</source>
        <translation>旋转（种子 %1）</translation>
    </message>
    <message>
        <source>LLM.int8() at |x| ≥ %1</source>
        <translation>LLM.int8()，|x| ≥ %1</translation>
    </message>
    <message>
        <source>no transform</source>
        <translation>无变换</translation>
    </message>
    <message>
        <source>a scale per block of %1 inputs along each row</source>
        <translation>每行沿输入方向每 %1 个值一块，每块一个缩放因子</translation>
    </message>
    <message>
        <source>a scale per block of %1 values</source>
        <translation>每 %1 个值一块，每块一个缩放因子</translation>
    </message>
    <message>
        <source>one scale for all of W</source>
        <translation>整个 W 共用一个缩放因子</translation>
    </message>
    <message>
        <source>one scale for all of X</source>
        <translation>整个 X 共用一个缩放因子</translation>
    </message>
    <message>
        <source>one scale per output channel (row of W)</source>
        <translation>每个输出通道（W 的一行）一个缩放因子</translation>
    </message>
    <message>
        <source>one scale per token (row of X)</source>
        <translation>每个 token（X 的一行）一个缩放因子</translation>
    </message>
    <message>
        <source>a scale per %1 inputs along each row</source>
        <translation>每行沿输入方向每 %1 个值一个缩放因子</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>无损</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <source>%1 inputs are not a power of two: the rotation is block-diagonal, %2 blocks of %3</source>
        <translation>输入数 %1 不是 2 的幂：旋转为分块对角，共 %2 块，每块 %3</translation>
    </message>
    <message>
        <source>one Hadamard block spans all %1 inputs</source>
        <translation>一个 Hadamard 块覆盖全部 %1 个输入</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG size</source>
        <translation>PNG 尺寸</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Pixels per layout pixel: 2 gives a 192-DPI image for slides</source>
        <translation>每个布局像素对应的像素数：2 得到适合幻灯片的 192 DPI 图像</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
    <message>
        <source>Export as PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <source>plots are exported as .png, .svg or .pdf</source>
        <translation>图表只能导出为 .png、.svg 或 .pdf</translation>
    </message>
    <message>
        <source>the size %1 × %2 at scale %3 is out of range</source>
        <translation>尺寸 %1 × %2（倍率 %3）超出范围</translation>
    </message>
    <message>
        <source>With a Title Line</source>
        <translation>附带标题行</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>QuantScope report: %1</source>
        <translation>QuantScope 报告：%1</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Error and the three schemes</source>
        <translation>误差与三种方案</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>general</source>
        <translation>一般过程</translation>
    </message>
    <message>
        <source>symmetric</source>
        <translation>对称量化</translation>
    </message>
    <message>
        <source>asymmetric</source>
        <translation>非对称量化</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>min / max</source>
        <translation>最小值 / 最大值</translation>
    </message>
    <message>
        <source>mean / std</source>
        <translation>均值 / 标准差</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>%1, %2-bit %3, rounding %4</source>
        <translation>%1，%2 位%3，舍入方式 %4</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>有符号</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>无符号</translation>
    </message>
    <message>
        <source>calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>%1 (1 group)</source>
        <translation>%1（1 个分组）</translation>
    </message>
    <message>
        <source>%1 (%2 groups)</source>
        <translation>%1（%2 个分组）</translation>
    </message>
    <message>
        <source>Qmin .. Qmax</source>
        <translation>Qmin .. Qmax</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放因子 Scale</translation>
    </message>
    <message>
        <source>Z (zero point)</source>
        <translation>Z（零点）</translation>
    </message>
    <message>
        <source>clip range</source>
        <translation>截断范围</translation>
    </message>
    <message>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>SQNR dB</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>截断</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>max |error|</source>
        <translation>最大 |误差|</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>clipped below</source>
        <translation>下限截断</translation>
    </message>
    <message>
        <source>clipped above</source>
        <translation>上限截断</translation>
    </message>
    <message>
        <source>clipped share</source>
        <translation>截断比例</translation>
    </message>
    <message>
        <source>codes used</source>
        <translation>已用码数</translation>
    </message>
    <message>
        <source>codes in the grid</source>
        <translation>网格中的码数</translation>
    </message>
    <message>
        <source>zero-code share</source>
        <translation>零码比例</translation>
    </message>
    <message>
        <source>unused range</source>
        <translation>未用范围</translation>
    </message>
    <message>
        <source>QuantScope model report</source>
        <translation>QuantScope 模型报告</translation>
    </message>
    <message>
        <source>%1 (%2), %3 tensors under %4; %5 skipped.</source>
        <translation>%1（%2），在 %4 下分析了 %3 个张量；跳过 %5 个。</translation>
    </message>
    <message>
        <source>%1, %2-bit, %3, calibration %4</source>
        <translation>%1，%2 位，%3，校准 %4</translation>
    </message>
    <message>
        <source>The tensors with the lowest SQNR</source>
        <translation>SQNR 最低的张量</translation>
    </message>
    <message>
        <source>gain per channel dB</source>
        <translation>逐通道增益 (dB)</translation>
    </message>
    <message>
        <source>zero code</source>
        <translation>零码</translation>
    </message>
    <message>
        <source>max/std</source>
        <translation>最大值/标准差</translation>
    </message>
    <message>
        <source>outlier rules</source>
        <translation>离群规则</translation>
    </message>
    <message>
        <source>quantized</source>
        <translation>已量化</translation>
    </message>
    <message>
        <source>%1, calibration %2</source>
        <translation>%1，校准 %2</translation>
    </message>
    <message>
        <source>best %1-bit format</source>
        <translation>最佳 %1 位格式</translation>
    </message>
    <message>
        <source>number format</source>
        <translation>数值格式</translation>
    </message>
    <message>
        <source>format options</source>
        <translation>格式选项</translation>
    </message>
    <message>
        <source>block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>scale format</source>
        <translation>缩放因子格式</translation>
    </message>
    <message>
        <source>bits per value</source>
        <translation>每值位数</translation>
    </message>
    <message>
        <source>S (tensor scale)</source>
        <translation>S（张量缩放因子）</translation>
    </message>
    <message>
        <source>a plain cast (no scale)</source>
        <translation>直接转换（无缩放因子）</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>MX scale rule</source>
        <translation>MX 缩放因子规则</translation>
    </message>
    <message>
        <source>element rounding</source>
        <translation>元素舍入</translation>
    </message>
    <message>
        <source>NVFP4 flavour</source>
        <translation>NVFP4 变体</translation>
    </message>
    <message>
        <source>bitsandbytes backend</source>
        <translation>bitsandbytes 后端</translation>
    </message>
    <message>
        <source>Formats at equal bits</source>
        <translation>同等位数下的格式对比</translation>
    </message>
    <message>
        <source>Best SQNR first. ★ marks the Pareto front: no other format has at least its SQNR with fewer bits per value.</source>
        <translation>按 SQNR 从高到低排列。★ 标出帕累托前沿：没有其他格式能以更少的每值位数达到至少相同的 SQNR。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>Calibration as each framework computes it</source>
        <translation>各框架各自计算的校准结果</translation>
    </message>
    <message>
        <source>Every method&apos;s range on the whole tensor, then the frameworks&apos; variants (pytorch-quantization, ONNX Runtime, MXNet), each as its published source computes it; the grid is the report&apos;s own.</source>
        <translation>每种方法在整个张量上的范围，然后是各框架的变体（pytorch-quantization、ONNX Runtime、MXNet），均按其公开源码的方式计算；网格沿用本报告的网格。</translation>
    </message>
    <message>
        <source>as computed by</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>当前所选</translation>
    </message>
    <message>
        <source>GGUF: %1 bits per value over %2 values; %3. Labelled %4.</source>
        <translation>GGUF：共 %2 个值，每个值 %1 位；%3。标注为 %4。</translation>
    </message>
    <message>
        <source>The label disagrees: %1.</source>
        <translation>标注与实际不符：%1。</translation>
    </message>
    <message>
        <source>Recipe within %1 bits per value: %2 bits per value, total squared error %3 (the file: %4 bits per value, %5). As llama-quantize arguments:</source>
        <translation>每个值不超过 %1 位的配方：每个值 %2 位，总平方误差 %3（文件现状：每个值 %4 位，%5）。llama-quantize 参数如下：</translation>
    </message>
    <message>
        <source>stored vs reference SQNR dB</source>
        <translation>存储值相对参考的 SQNR dB</translation>
    </message>
    <message>
        <source>QuantScope: outlier mitigation</source>
        <translation>QuantScope：离群值缓解</translation>
    </message>
    <message>
        <source>weight W</source>
        <translation>权重 W</translation>
    </message>
    <message>
        <source>activations X</source>
        <translation>激活值 X</translation>
    </message>
    <message>
        <source>synthetic: %1 outlier channels × %2, seed %3 (no model produced these values)</source>
        <translation>合成数据：%1 个离群通道 × %2，种子 %3（这些值并非由任何模型产生）</translation>
    </message>
    <message>
        <source>transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>SmoothQuant α = %1%2</source>
        <translation>SmoothQuant α = %1%2</translation>
    </message>
    <message>
        <source> (auto)</source>
        <translation>（自动）</translation>
    </message>
    <message>
        <source>Hadamard rotation, seed %1</source>
        <translation>Hadamard 旋转，种子 %1</translation>
    </message>
    <message>
        <source>block-diagonal in blocks of %1</source>
        <translation>分块对角，每块 %1</translation>
    </message>
    <message>
        <source>LLM.int8(), |x| ≥ %1: %2 channels in float16</source>
        <translation>LLM.int8()，|x| ≥ %1：%2 个通道保留为 float16</translation>
    </message>
    <message>
        <source>measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>before</source>
        <translation>变换前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>变换后</translation>
    </message>
    <message>
        <source>output SQNR (dB)</source>
        <translation>输出 SQNR (dB)</translation>
    </message>
    <message>
        <source>worst output channel SQNR (dB)</source>
        <translation>最差输出通道 SQNR (dB)</translation>
    </message>
    <message>
        <source>weight SQNR (dB)</source>
        <translation>权重 SQNR (dB)</translation>
    </message>
    <message>
        <source>activation SQNR (dB)</source>
        <translation>激活值 SQNR (dB)</translation>
    </message>
    <message>
        <source>weight kurtosis</source>
        <translation>权重峰度</translation>
    </message>
    <message>
        <source>activation kurtosis</source>
        <translation>激活值峰度</translation>
    </message>
    <message>
        <source>weight max/σ</source>
        <translation>权重 max/σ</translation>
    </message>
    <message>
        <source>activation max/σ</source>
        <translation>激活值 max/σ</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>无损</translation>
    </message>
    <message>
        <source>The output SQNR compares the quantized product Q(X′)·Q(W′)ᵀ with X·Wᵀ computed in float64; every transform keeps that product exact before quantization, so what it changes is only how well each side fits its grid. Kurtosis is E[(x − μ)⁴]/σ⁴: 3 for a Gaussian, far above it when a few channels carry outliers.</source>
        <translation>输出 SQNR 把量化后的乘积 Q(X′)·Q(W′)ᵀ 与用 float64 计算的 X·Wᵀ 相比较；每种变换在量化之前都保持该乘积不变，所以它改变的只是每一侧与其网格的契合程度。峰度为 E[(x − μ)⁴]/σ⁴：高斯分布为 3，少数通道带有离群值时远高于此。</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>HTML, one self-contained file (*.html)</source>
        <translation>HTML，单个自包含文件 (*.html)</translation>
    </message>
    <message>
        <source>PDF, A4 (*.pdf)</source>
        <translation>PDF，A4 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF, US Letter (*.pdf)</source>
        <translation>PDF，美国信纸 (*.pdf)</translation>
    </message>
    <message>
        <source>Markdown with PNG figures beside it (*.md)</source>
        <translation>Markdown，旁附 PNG 图 (*.md)</translation>
    </message>
    <message>
        <source>CSV, the metrics table (*.csv)</source>
        <translation>CSV，指标表 (*.csv)</translation>
    </message>
    <message>
        <source>JSON, every table (*.json)</source>
        <translation>JSON，全部表格 (*.json)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Values, the representable range, clipped values and unused codes</source>
        <translation>数值、可表示范围、被截断的值与未使用的码</translation>
    </message>
    <message>
        <source>Transfer: R against R′</source>
        <translation>传递曲线：R 与 R′</translation>
    </message>
    <message>
        <source>Rounding and clipping error</source>
        <translation>舍入误差与截断误差</translation>
    </message>
    <message>
        <source>Use of every code</source>
        <translation>每个码的使用情况</translation>
    </message>
    <message>
        <source>Every channel&apos;s range, grid and SQNR</source>
        <translation>每个通道的范围、网格与 SQNR</translation>
    </message>
    <message>
        <source>SQNR over the bit width</source>
        <translation>SQNR 随位宽的变化</translation>
    </message>
    <message>
        <source>Error over the clip threshold</source>
        <translation>误差随截断阈值的变化</translation>
    </message>
    <message>
        <source>One outlier, growing</source>
        <translation>一个不断增大的离群值</translation>
    </message>
    <message>
        <source>generated: %1, shape %2, seed %3</source>
        <translation>生成：%1，形状 %2，种子 %3</translation>
    </message>
    <message>
        <source>, %1 outliers</source>
        <translation>，%1 个离群值</translation>
    </message>
    <message>
        <source>data preset %1</source>
        <translation>内置数据 %1</translation>
    </message>
    <message>
        <source>: the plots could not be drawn</source>
        <translation>：无法绘制图表</translation>
    </message>
    <message>
        <source>: the chart could not be drawn</source>
        <translation>：无法绘制图表</translation>
    </message>
    <message>
        <source>: nothing to report yet</source>
        <translation>：还没有可报告的结果</translation>
    </message>
    <message>
        <source>: unknown report format</source>
        <translation>：未知的报告格式</translation>
    </message>
    <message>
        <source>SQNR against bits per value: every format, the Pareto front joined</source>
        <translation>SQNR 与每值位数：每个格式一点，帕累托前沿连线</translation>
    </message>
    <message>
        <source>: the Outliers report is written as HTML, PDF, Markdown or JSON</source>
        <translation>：离群值报告可写为 HTML、PDF、Markdown 或 JSON</translation>
    </message>
    <message>
        <source>Before: max |x| and max |w| of every input channel</source>
        <translation>变换前：每个输入通道的 max |x| 与 max |w|</translation>
    </message>
    <message>
        <source>After: max |x| and max |w| of every input channel</source>
        <translation>变换后：每个输入通道的 max |x| 与 max |w|</translation>
    </message>
    <message>
        <source>Before: the values of X and their grid</source>
        <translation>变换前：X 的数值及其网格</translation>
    </message>
    <message>
        <source>After: the values of X′ and their grid</source>
        <translation>变换后：X′ 的数值及其网格</translation>
    </message>
    <message>
        <source>Before: the values of W and their grid</source>
        <translation>变换前：W 的数值及其网格</translation>
    </message>
    <message>
        <source>After: the values of W′ and their grid</source>
        <translation>变换后：W′ 的数值及其网格</translation>
    </message>
    <message>
        <source>The output SQNR of each output channel, before and after</source>
        <translation>每个输出通道的输出 SQNR，变换前与变换后</translation>
    </message>
    <message>
        <source>The output SQNR against SmoothQuant&apos;s α</source>
        <translation>输出 SQNR 随 SmoothQuant 的 α 的变化</translation>
    </message>
</context>
<context>
    <name>SchemePreset</name>
    <message>
        <source>PyTorch MinMaxObserver defaults: quint8 codes 0..255; the range is widened to include 0; Scale = (max − min)/255 and Z = 0 − round(min/Scale), clamped, all in float32; codes round(R·(1/Scale)) + Z, half to even.</source>
        <translation>PyTorch MinMaxObserver 的默认设置：quint8 码 0..255；范围会扩展到包含 0；缩放因子 Scale = (max − min)/255，零点 Z = 0 − round(min/Scale) 并加以限幅，全部用 float32 计算；码为 round(R·(1/Scale)) + Z，舍入到偶数。</translation>
    </message>
    <message>
        <source>PyTorch MinMaxObserver with torch.per_tensor_symmetric: qint8 codes −128..127, Scale = max|R| / ((127 − (−128))/2) = max|R|/127.5, Z = 0 — so +max lands on 127.5 and is clamped to 127.</source>
        <translation>PyTorch MinMaxObserver 配合 torch.per_tensor_symmetric：qint8 码 −128..127，Scale = max|R| / ((127 − (−128))/2) = max|R|/127.5，Z = 0 —— 因此 +max 落在 127.5，被截断到 127。</translation>
    </message>
    <message>
        <source>PyTorch PerChannelMinMaxObserver (the default for conv and linear weights): the symmetric qint8 preset with one scale per output channel, axis 0.</source>
        <translation>PyTorch PerChannelMinMaxObserver（卷积层与全连接层权重的默认设置）：对称 qint8 预设，每个输出通道（轴 0）一个缩放因子。</translation>
    </message>
    <message>
        <source>TensorRT&apos;s int8: symmetric codes −127..127, Scale = amax/127, half to even — the tutorial&apos;s symmetric scheme.</source>
        <translation>TensorRT 的 int8：对称码 −127..127，Scale = amax/127，舍入到偶数 —— 即教程中的对称量化。</translation>
    </message>
    <message>
        <source>llama.cpp Q8_0: blocks of 32 along the last axis, d = amax/127, codes roundf(R·(1/d)) (half away from zero), d stored as float16 and R′ = Q·d with that float16 d.</source>
        <translation>llama.cpp Q8_0：沿最后一个轴每 32 个值一块，d = amax/127，码为 roundf(R·(1/d))（远离零舍入），d 以 float16 存储，R′ = Q·d 使用该 float16 的 d。</translation>
    </message>
    <message>
        <source>llama.cpp Q4_0: blocks of 32, d = m/−8 with m the value of largest magnitude, codes min(15, (int)(R·(1/d) + 8.5)) in 0..15, R′ = (Q − 8)·d with d as float16.</source>
        <translation>llama.cpp Q4_0：每 32 个值一块，d = m/−8，m 为绝对值最大的那个值，码为 min(15, (int)(R·(1/d) + 8.5))，范围 0..15，R′ = (Q − 8)·d，d 为 float16。</translation>
    </message>
    <message>
        <source>PyTorch per-tensor affine quint8</source>
        <translation>PyTorch 逐张量仿射 quint8</translation>
    </message>
    <message>
        <source>PyTorch per-tensor symmetric qint8</source>
        <translation>PyTorch 逐张量对称 qint8</translation>
    </message>
    <message>
        <source>PyTorch per-channel symmetric qint8</source>
        <translation>PyTorch 逐通道对称 qint8</translation>
    </message>
    <message>
        <source>TensorRT int8</source>
        <translation>TensorRT int8</translation>
    </message>
    <message>
        <source>llama.cpp Q8_0</source>
        <translation>llama.cpp Q8_0</translation>
    </message>
    <message>
        <source>llama.cpp Q4_0</source>
        <translation>llama.cpp Q4_0</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>QuantScope sessions (*.qscope)</source>
        <translation>QuantScope 会话 (*.qscope)</translation>
    </message>
</context>
<context>
    <name>Warning</name>
    <message>
        <source>%1 NaN and %2 infinite values are excluded from the range and the metrics (encoded as NaN and, without saturation, as Inf or NaN)</source>
        <translation>%1 个 NaN 和 %2 个无穷值不计入范围和指标（编码为 NaN；不饱和时编码为 Inf 或 NaN）</translation>
    </message>
    <message>
        <source>%1 NaN and %2 infinite values are excluded from the range and the metrics (NaN is encoded as NaN, ±Inf saturates to ±max)</source>
        <translation>%1 个 NaN 和 %2 个无穷值不计入范围和指标（NaN 编码为 NaN，±Inf 饱和到 ±max）</translation>
    </message>
    <message>
        <source>%1 NaN and %2 infinite values are excluded from the range and the metrics (the format has no NaN: NaN is coded as 0, ±Inf saturates)</source>
        <translation>%1 个 NaN 和 %2 个无穷值不计入范围和指标（该格式没有 NaN：NaN 编码为 0，±Inf 饱和）</translation>
    </message>
    <message>
        <source>%1 groups have a range too small for a float32 scale amax / max_element: their scale is 1 (a plain cast)</source>
        <translation>%1 个分组的范围太小，无法用 float32 表示缩放因子 amax / max_element：其缩放因子取 1（直接转换）</translation>
    </message>
    <message>
        <source>NaN or ±Inf in %1 of the blocks: MX marks such a block NaN (scale 0xFF), so its finite values are lost too</source>
        <translation>%1 个块含有 NaN 或 ±Inf：MX 将这样的块标记为 NaN（缩放因子 0xFF），块中的有限值也随之丢失</translation>
    </message>
    <message>
        <source>%1 NaN and %2 infinite values are excluded from the range and the metrics (NaN is coded as the zero point, ±Inf saturates)</source>
        <translation>%1 个 NaN 和 %2 个无穷值不计入范围和指标（NaN 编码为零点，±Inf 饱和）</translation>
    </message>
    <message>
        <source>%1 of the non-zero values quantize to the zero code (|R| below about Scale/2 = %2): a few large values set the scale</source>
        <translation>%1 的非零值被量化到零码（|R| 小于约 Scale/2 = %2）：少数大值决定了缩放因子</translation>
    </message>
    <message>
        <source> (in %1 groups)</source>
        <translation>（%1 个分组中出现）</translation>
    </message>
    <message>
        <source>%1: %2 bytes after the array data were ignored</source>
        <translation>%1：数组数据之后的 %2 个字节已被忽略</translation>
    </message>
    <message>
        <source>%1 is stored quantized (%2 codes, scale %3, min %4): its values already sit on a grid</source>
        <translation>%1 以量化形式存储（%2 码，缩放因子 %3，最小值 %4）：它的值已经位于一个网格上</translation>
    </message>
    <message>
        <source>scale %1 raised to float32 eps, as PyTorch&apos;s observers do</source>
        <translation>缩放因子 %1 被提高到 float32 的 eps，与 PyTorch 的观察器一样</translation>
    </message>
    <message>
        <source>the range [%1, %2] is (nearly) constant: scale %3 raised to float32 eps %4</source>
        <translation>范围 [%1, %2]（几乎）是常数：缩放因子 %3 被提高到 float32 的 eps %4</translation>
    </message>
    <message>
        <source>zero point %1 lies outside the code range [%2, %3]: real 0 has no exact code</source>
        <translation>零点 %1 位于码范围 [%2, %3] 之外：实数 0 没有精确对应的码</translation>
    </message>
    <message>
        <source>zero point %1 is beyond 2^24 and not exact in float32 element arithmetic</source>
        <translation>零点 %1 超过 2^24，在 float32 逐元素运算中不精确</translation>
    </message>
    <message>
        <source>%1 is left out: per channel needs a tensor of two or more axes</source>
        <translation>%1 已略去：逐通道需要两个或更多轴的张量</translation>
    </message>
    <message>
        <source>%1: %2 numbers lie beyond float32&apos;s range and are read as ±inf (first: %3)</source>
        <translation>%1：%2 个数超出 float32 的范围，按 ±inf 读取（第一个：%3）</translation>
    </message>
    <message>
        <source>shown as stored: the codes and block grids are the file&apos;s own %1 blocks, so the error against the stored values is 0; choose another format to see what it would lose</source>
        <translation>按存储原样显示：代码和块网格就是文件自己的 %1 块，因此相对存储值的误差为 0；选择其他格式即可看到它会损失多少</translation>
    </message>
    <message>
        <source>%1 is stored quantized as %2: its values already sit on that type&apos;s block grids; another format&apos;s error is relative to them</source>
        <translation>%1 以 %2 量化存储：它的值已经落在该类型的块网格上；其他格式的误差是相对这些值而言的</translation>
    </message>
    <message>
        <source>input channels zero in the activations or the weight: %1; SmoothQuant leaves them unscaled (s = 1)</source>
        <translation>在激活值或权重中全为零的输入通道：%1 个；SmoothQuant 不缩放它们（s = 1）</translation>
    </message>
    <message>
        <source>%1 is stored quantized (%2: codes, zero points and scales per group): its values already sit on a grid</source>
        <translation>%1 以量化形式存储（%2：每组的码值、零点和缩放）：其值已落在网格上</translation>
    </message>
</context>
<context>
    <name>qs::ui::AlphaScanPlot</name>
    <message>
        <source>SmoothQuant&apos;s α (0: X as it is, 1: X flattened)</source>
        <translation>SmoothQuant 的 α（0：X 保持原样，1：X 被压平）</translation>
    </message>
    <message>
        <source>output SQNR (dB)</source>
        <translation>输出 SQNR (dB)</translation>
    </message>
    <message>
        <source>output SQNR at α</source>
        <translation>该 α 下的输出 SQNR</translation>
    </message>
    <message>
        <source>Auto&apos;s choice</source>
        <translation>自动选择的 α</translation>
    </message>
    <message>
        <source>Output SQNR over α</source>
        <translation>输出 SQNR 随 α 的变化</translation>
    </message>
    <message>
        <source>Scanning α from 0 to 1 runs while this tab is shown, or with Auto</source>
        <translation>此标签页显示时，或按下“自动”时，会从 0 到 1 扫描 α</translation>
    </message>
    <message>
        <source>Output SQNR over α; Auto picks α = %1 (%2)</source>
        <translation>输出 SQNR 随 α 的变化；自动选择 α = %1（%2）</translation>
    </message>
    <message>
        <source>no transform: %1</source>
        <translation>无变换：%1</translation>
    </message>
    <message>
        <source>slider: α = %1</source>
        <translation>滑块：α = %1</translation>
    </message>
</context>
<context>
    <name>qs::ui::AnalysisRunner</name>
    <message>
        <source>no tensor to analyse</source>
        <translation>没有可分析的张量</translation>
    </message>
</context>
<context>
    <name>qs::ui::CalibrationBox</name>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>min–max (the tutorial)</source>
        <translation>最小–最大值（教程）</translation>
    </message>
    <message>
        <source>percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <source>least MSE</source>
        <translation>最小 MSE</translation>
    </message>
    <message>
        <source>ACIQ, Gaussian</source>
        <translation>ACIQ，高斯</translation>
    </message>
    <message>
        <source>ACIQ, Laplace</source>
        <translation>ACIQ，拉普拉斯</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <source>KL bins</source>
        <translation>KL 直方图箱数</translation>
    </message>
    <message>
        <source>KL start bin</source>
        <translation>KL 起始箱</translation>
    </message>
    <message>
        <source>KL levels</source>
        <translation>KL 量化级数</translation>
    </message>
    <message>
        <source>The grid spans [min R, max R]: nothing clips, one outlier sets the step.</source>
        <translation>网格覆盖 [min R, max R]：没有截断，但一个离群值就决定了步长。</translation>
    </message>
    <message>
        <source>Clip at the P-th percentile (symmetric: of |R|; else the (100 − P)-th and P-th).</source>
        <translation>在第 P 百分位处截断（对称量化取 |R| 的百分位；否则取第 (100 − P) 和第 P 百分位）。</translation>
    </message>
    <message>
        <source>The range with the least rounding-plus-clipping error, searched.</source>
        <translation>搜索舍入误差加截断误差最小的范围。</translation>
    </message>
    <message>
        <source>Analytic clipping at mean ± α·σ, α from the bit width (Banner et al.).</source>
        <translation>在均值 ± α·σ 处解析截断，α 由位宽决定（Banner 等）。</translation>
    </message>
    <message>
        <source>Analytic clipping at mean ± α·b, b = mean|R − mean| (Banner et al.).</source>
        <translation>在均值 ± α·b 处解析截断，b = mean|R − mean|（Banner 等）。</translation>
    </message>
    <message>
        <source>KL divergence (entropy)</source>
        <translation>KL 散度（熵）</translation>
    </message>
    <message>
        <source>As computed by</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Entropy calibration (TensorRT&apos;s idea): the threshold whose merged histogram loses the least information.</source>
        <translation>熵校准（TensorRT 的思路）：合并后的直方图损失信息最少的阈值。</translation>
    </message>
    <message>
        <source>A number format takes each method as QuantScope computes it; the frameworks&apos; variants calibrate integer grids.</source>
        <translation>数值格式按 QuantScope 的方式使用每种方法；各框架的变体只校准整数网格。</translation>
    </message>
    <message>
        <source>%1 (the variant&apos;s)</source>
        <translation>%1（该变体的默认值）</translation>
    </message>
    <message>
        <source>manual (drag the clip lines)</source>
        <translation>手动（拖动截断线）</translation>
    </message>
    <message>
        <source>Clip from</source>
        <translation>截断下限</translation>
    </message>
    <message>
        <source>Clip to</source>
        <translation>截断上限</translation>
    </message>
    <message>
        <source>The range you set: drag an end of the grid on the histogram, or type the ends here (symmetric: ± the larger magnitude).</source>
        <translation>由你设定的范围：在直方图上拖动网格的端点，或在这里输入两端（对称量化取两者中绝对值较大的 ±）。</translation>
    </message>
</context>
<context>
    <name>qs::ui::ChannelMaxPlot</name>
    <message>
        <source>max |x| of X</source>
        <translation>X 的 max |x|</translation>
    </message>
    <message>
        <source>max |w| of W</source>
        <translation>W 的 max |w|</translation>
    </message>
    <message>
        <source>kept in float16</source>
        <translation>保留为 float16</translation>
    </message>
    <message>
        <source>input channel j</source>
        <translation>输入通道 j</translation>
    </message>
    <message>
        <source>max |·|</source>
        <translation>max |·|</translation>
    </message>
    <message>
        <source>Before: the formats alone</source>
        <translation>变换前：只用格式</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变换后</translation>
    </message>
    <message>
        <source>After: %1</source>
        <translation>变换后：%1</translation>
    </message>
    <message>
        <source>max |x′| = max |w′| in every channel: the lines coincide</source>
        <translation>每个通道的 max |x′| = max |w′|：两条线重合</translation>
    </message>
</context>
<context>
    <name>qs::ui::ChannelRangePlot</name>
    <message>
        <source>value R</source>
        <translation>数值 R</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>grid range</source>
        <translation>网格范围</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>SQNR per channel</source>
        <translation>各通道的 SQNR</translation>
    </message>
    <message>
        <source>SQNR per group</source>
        <translation>各分组的 SQNR</translation>
    </message>
    <message>
        <source>channel (axis %1)</source>
        <translation>通道（轴 %1）</translation>
    </message>
    <message>
        <source>group (%1 values each along the last axis)</source>
        <translation>分组（沿最后一个轴每组 %1 个值）</translation>
    </message>
    <message>
        <source>SQNR per block</source>
        <translation>各块的 SQNR</translation>
    </message>
    <message>
        <source>block (%1 values each)</source>
        <translation>块（每块 %1 个值）</translation>
    </message>
    <message>
        <source>X = 2^(c − 127) per block</source>
        <translation>各块的 X = 2^(c − 127)</translation>
    </message>
    <message>
        <source>E4M3 scale s per block</source>
        <translation>各块的 E4M3 缩放因子 s</translation>
    </message>
    <message>
        <source>absmax per block</source>
        <translation>各块的 absmax</translation>
    </message>
    <message>
        <source>scale s per group</source>
        <translation>各分组的缩放因子 s</translation>
    </message>
    <message>
        <source>stored scale</source>
        <translation>存储的缩放因子</translation>
    </message>
    <message>
        <source>every channel lossless (SQNR +∞)</source>
        <translation>每个通道都无损（SQNR +∞）</translation>
    </message>
    <message>
        <source>every block lossless (SQNR +∞)</source>
        <translation>每个块都无损（SQNR +∞）</translation>
    </message>
    <message>
        <source>every group lossless (SQNR +∞)</source>
        <translation>每个组都无损（SQNR +∞）</translation>
    </message>
    <message>
        <source>X = 2^(e − 127) per block</source>
        <translation>每块 X = 2^(e − 127)</translation>
    </message>
    <message>
        <source>UE4M3 scale s per 16 values</source>
        <translation>每 16 个值的 UE4M3 缩放因子 s</translation>
    </message>
    <message>
        <source>super-block d</source>
        <translation>超块 d</translation>
    </message>
    <message>
        <source>block d</source>
        <translation>块 d</translation>
    </message>
    <message>
        <source>super-block dmin</source>
        <translation>超块 dmin</translation>
    </message>
    <message>
        <source>block m</source>
        <translation>块 m</translation>
    </message>
    <message>
        <source>stored fp16</source>
        <translation>存储的 fp16</translation>
    </message>
    <message>
        <source>sub-block code (factor code − %1)</source>
        <translation>子块码（因子 = 码 − %1）</translation>
    </message>
    <message>
        <source>sub-block code</source>
        <translation>子块码</translation>
    </message>
    <message>
        <source>scale code</source>
        <translation>缩放码</translation>
    </message>
</context>
<context>
    <name>qs::ui::ChannelsPanel</name>
    <message>
        <source>&lt;p&gt;One grid covers the whole tensor.&lt;/p&gt;&lt;p&gt;Choose &lt;b&gt;per channel&lt;/b&gt; or &lt;b&gt;per group&lt;/b&gt; under Granularity to give every channel its own range and see here which channels a single grid serves badly.&lt;/p&gt;</source>
        <translation>&lt;p&gt;整个张量共用一个网格。&lt;/p&gt;&lt;p&gt;在“粒度”中选择&lt;b&gt;逐通道&lt;/b&gt;或&lt;b&gt;逐分组&lt;/b&gt;，让每个通道有自己的范围，并在这里查看单一网格对哪些通道不利。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>无损</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2: %3 values in [%4, %5]; %6; SQNR %7; clipped %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（共 %2）：%3 个值，位于 [%4, %5]；%6；SQNR %7；截断 %8</translation>
    </message>
</context>
<context>
    <name>qs::ui::CodeUsagePlot</name>
    <message>
        <source>code Q</source>
        <translation>码 Q</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>count per code</source>
        <translation>每个码的数量</translation>
    </message>
    <message>
        <source>unused code</source>
        <translation>未使用的码</translation>
    </message>
    <message>
        <source>zero point&apos;s code</source>
        <translation>零点的码</translation>
    </message>
    <message>
        <source>out of the values&apos; reach</source>
        <translation>数值到达不了的码</translation>
    </message>
    <message>
        <source>code Q: %1 of %2 used</source>
        <translation>码 Q：%2 个中用了 %1 个</translation>
    </message>
    <message>
        <source>code %1 = %2
count %3</source>
        <translation>码 %1 = %2
数量 %3</translation>
    </message>
    <message>
        <source>the codes of 0</source>
        <translation>0 的码</translation>
    </message>
    <message>
        <source>−0 (negative zero)</source>
        <translation>−0（负零）</translation>
    </message>
    <message>
        <source>NaN and ±Inf codes</source>
        <translation>NaN 与 ±Inf 的码</translation>
    </message>
    <message>
        <source>NaN codes</source>
        <translation>NaN 码</translation>
    </message>
    <message>
        <source>code, by value: %1 of %2 used</source>
        <translation>码（按数值排列）：%2 个中用了 %1 个</translation>
    </message>
    <message>
        <source>code %1
count %2</source>
        <translation>码 %1
数量 %2</translation>
    </message>
</context>
<context>
    <name>qs::ui::CompareModel</name>
    <message>
        <source>Click to switch to this scheme</source>
        <translation>点击切换到此方案</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>general
一般过程</source>
        <translation>一般过程</translation>
    </message>
    <message>
        <source>symmetric
对称量化</source>
        <translation>对称量化</translation>
    </message>
    <message>
        <source>asymmetric
非对称量化</source>
        <translation>非对称量化</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>min–max</source>
        <translation>最小–最大</translation>
    </message>
    <message>
        <source>percentile
%1</source>
        <translation>百分位
%1</translation>
    </message>
    <message>
        <source>least MSE</source>
        <translation>最小 MSE</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>ACIQ
Gauss</source>
        <translation>ACIQ
高斯</translation>
    </message>
    <message>
        <source>ACIQ
Laplace</source>
        <translation>ACIQ
拉普拉斯</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>per tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <source>per channel
(axis %1)</source>
        <translation>逐通道
（轴 %1）</translation>
    </message>
    <message>
        <source>groups of
%1</source>
        <translation>每组
%1 个</translation>
    </message>
    <message>
        <source>Click to switch to this setting</source>
        <translation>点击切换到此设置</translation>
    </message>
</context>
<context>
    <name>qs::ui::ComparePanel</name>
    <message>
        <source>Compare &amp;across:</source>
        <translation>比较维度(&amp;A)：</translation>
    </message>
    <message>
        <source>schemes</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>calibrations</source>
        <translation>校准方法</translation>
    </message>
    <message>
        <source>granularities</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Same tensor, everything else as set; the best value of each row is highlighted. Click a column to switch to it.</source>
        <translation>同一个张量，其余设置不变；每行最好的值会高亮。点击某一列即可切换到该设置。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>qs::ui::ErrorPlot</name>
    <message>
        <source>rounding error R′ − R</source>
        <translation>舍入误差 R′ − R</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>clipping error R′ − R (%1 values)</source>
        <translation>截断误差 R′ − R（%1 个值）</translation>
    </message>
    <message>
        <source>clipping error: nothing clipped</source>
        <translation>截断误差：没有值被截断</translation>
    </message>
    <message>
        <source>rounding error R′ − R (|e| ≤ Scale/2 of each group)</source>
        <translation>舍入误差 R′ − R（|e| ≤ 各分组的 Scale/2）</translation>
    </message>
    <message>
        <source>rounding error R′ − R (|e| ≤ %1)</source>
        <translation>舍入误差 R′ − R（|e| ≤ %1）</translation>
    </message>
    <message>
        <source>saturation error R′ − R (%1 values)</source>
        <translation>饱和误差 R′ − R（%1 个值）</translation>
    </message>
    <message>
        <source>saturation error: nothing saturated</source>
        <translation>饱和误差：没有值饱和</translation>
    </message>
    <message>
        <source>rounding error R′ − R, per block</source>
        <translation>舍入误差 R′ − R，逐块</translation>
    </message>
</context>
<context>
    <name>qs::ui::FileOpener</name>
    <message>
        <source>Open a tensor</source>
        <translation>打开张量</translation>
    </message>
    <message>
        <source>Raw binary</source>
        <translation>原始二进制</translation>
    </message>
    <message>
        <source>Element type of %1</source>
        <translation>%1 的元素类型</translation>
    </message>
    <message>
        <source>Tensors and models (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin *.ckpt *.json *.csv *.tsv *.txt);;Raw binary (*.bin *.dat *.raw);;All files (*)</source>
        <translation>张量与模型 (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin *.ckpt *.json *.csv *.tsv *.txt);;原始二进制 (*.bin *.dat *.raw);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
</context>
<context>
    <name>qs::ui::FormatBox</name>
    <message>
        <source>Integer grid (the tutorial&apos;s schemes)</source>
        <translation>整数网格（教程中的方案）</translation>
    </message>
    <message>
        <source>Minifloat: FP8, FP6, FP4</source>
        <translation>小浮点（minifloat）：FP8、FP6、FP4</translation>
    </message>
    <message>
        <source>MX: microscaling, blocks of 32</source>
        <translation>MX：微缩放（microscaling），每块 32 个值</translation>
    </message>
    <message>
        <source>NVFP4: blocks of 16, two scales</source>
        <translation>NVFP4：每块 16 个值，两级缩放因子</translation>
    </message>
    <message>
        <source>bitsandbytes: NF4, FP4</source>
        <translation>bitsandbytes：NF4、FP4</translation>
    </message>
    <message>
        <source>The number format: which values an element can take and how its scales are chosen and stored</source>
        <translation>数值格式：元素可以取哪些值，以及缩放因子如何选取和存储</translation>
    </message>
    <message>
        <source>no scale: a plain cast (Scale = 1)</source>
        <translation>无缩放因子：直接转换（Scale = 1）</translation>
    </message>
    <message>
        <source>saturate at ±max</source>
        <translation>在 ±max 处饱和</translation>
    </message>
    <message>
        <source>NaN (E4M3), ±Inf (E5M2)</source>
        <translation>NaN（E4M3），±Inf（E5M2）</translation>
    </message>
    <message>
        <source>What a value past the largest finite one becomes: ±max as NVIDIA&apos;s satfinite and ONNX do, or NaN / ±Inf as a plain ml_dtypes cast does</source>
        <translation>超出最大有限值的数值变成什么：像 NVIDIA 的 satfinite 和 ONNX 那样取 ±max，或像普通的 ml_dtypes 转换那样变成 NaN / ±Inf</translation>
    </message>
    <message>
        <source>ties to even</source>
        <translation>中点舍入到偶数</translation>
    </message>
    <message>
        <source>ties away from zero</source>
        <translation>中点远离零舍入</translation>
    </message>
    <message>
        <source>Each value goes to the nearest element; a tie goes to the even code (hardware, Transformer Engine, torchao) or away from zero (microxcaling&apos;s default)</source>
        <translation>每个值取最近的元素；恰在中点时取偶数码（硬件、Transformer Engine、torchao），或远离零（microxcaling 的默认做法）</translation>
    </message>
    <message>
        <source>floor (OCP spec)</source>
        <translation>floor（OCP 规范）</translation>
    </message>
    <message>
        <source>rceil (NVIDIA)</source>
        <translation>rceil（NVIDIA）</translation>
    </message>
    <message>
        <source>How a block&apos;s max|R| chooses its power-of-two scale: the OCP spec&apos;s floor rule, or cuBLAS&apos; and Transformer Engine&apos;s rceil, which never saturates</source>
        <translation>块的 max|R| 如何决定它的 2 的幂缩放因子：OCP 规范的 floor 规则，或 cuBLAS 与 Transformer Engine 的 rceil 规则（从不饱和）</translation>
    </message>
    <message>
        <source>Transformer Engine</source>
        <translation>Transformer Engine</translation>
    </message>
    <message>
        <source>ModelOpt</source>
        <translation>ModelOpt</translation>
    </message>
    <message>
        <source>torchao</source>
        <translation>torchao</translation>
    </message>
    <message>
        <source>Whose arithmetic: the three agree on ordinary blocks and differ on all-zero blocks and rare rounding boundaries</source>
        <translation>按谁的算法：三者在普通块上结果一致，只在全零块和少见的舍入边界上有所不同</translation>
    </message>
    <message>
        <source>Values per block of the flattened tensor, each block with its own float32 absmax (bitsandbytes&apos; default: 64)</source>
        <translation>展平后的张量每块的值数，每块有自己的 float32 absmax（bitsandbytes 默认：64）</translation>
    </message>
    <message>
        <source>CPU: code of 0.0</source>
        <translation>CPU：0.0 的码</translation>
    </message>
    <message>
        <source>CUDA: code 0</source>
        <translation>CUDA：码 0</translation>
    </message>
    <message>
        <source>The code an all-zero block gets: bitsandbytes&apos; CPU backend writes the code of 0.0, its CUDA kernel code 0</source>
        <translation>全零块得到的码：bitsandbytes 的 CPU 后端写入 0.0 的码，其 CUDA 内核写入码 0</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>Scale rule</source>
        <translation>缩放规则</translation>
    </message>
    <message>
        <source>Element rounding</source>
        <translation>元素舍入</translation>
    </message>
    <message>
        <source>Flavour</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>Zero block</source>
        <translation>全零块</translation>
    </message>
    <message>
        <source>%1 exponent and %2 mantissa bits and a sign; the largest value is %3</source>
        <translation>%1 个指数位、%2 个尾数位和一个符号位；最大值为 %3</translation>
    </message>
    <message>
        <source>8-bit integers k from −127 to 127, each worth k/64 of the block&apos;s scale</source>
        <translation>8 位整数 k，从 −127 到 127，每个代表块缩放因子的 k/64</translation>
    </message>
    <message>
        <source>16 levels at a normal distribution&apos;s quantiles, scaled by each block&apos;s absmax</source>
        <translation>位于正态分布分位数处的 16 个量化级，按每块的 absmax 缩放</translation>
    </message>
    <message>
        <source>bitsandbytes&apos; own 4-bit float, not E2M1: 16 levels scaled by each block&apos;s absmax</source>
        <translation>bitsandbytes 自己的 4 位浮点，不是 E2M1：16 个量化级，按每块的 absmax 缩放</translation>
    </message>
    <message>
        <source>llama.cpp (ggml): Q8_0, Q4_K, IQ4_XS, …</source>
        <translation>llama.cpp (ggml)：Q8_0、Q4_K、IQ4_XS 等</translation>
    </message>
    <message>
        <source>%1  (%2 bits per value)</source>
        <translation>%1  （每个值 %2 位）</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s %1: blocks of %2 values in %3 bytes along the last axis, quantized exactly as ggml_quantize_chunk writes them</source>
        <translation>llama.cpp 的 %1：沿最后一个轴每 %2 个值为一块，占 %3 字节，与 ggml_quantize_chunk 写出的完全一致</translation>
    </message>
    <message>
        <source>Not for this tensor: its rows hold %1 values, not whole blocks of %2</source>
        <translation>不适用于此张量：它的每行有 %1 个值，不是 %2 个值的完整块</translation>
    </message>
</context>
<context>
    <name>qs::ui::GranularityBox</name>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>per tensor</source>
        <translation>逐张量</translation>
    </message>
    <message>
        <source>per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <source>per group (blocks along the last axis)</source>
        <translation>逐分组（沿最后一个轴分块）</translation>
    </message>
    <message>
        <source>The channel axis; negative values count from the last</source>
        <translation>通道所在的轴；负数从最后一个轴倒数</translation>
    </message>
    <message>
        <source>Values per group: 32 for llama.cpp blocks, 64 or 128 for GPTQ</source>
        <translation>每组的值数：llama.cpp 的块为 32，GPTQ 为 64 或 128</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Group size</source>
        <translation>分组大小</translation>
    </message>
</context>
<context>
    <name>qs::ui::HistogramPlot</name>
    <message>
        <source>value R</source>
        <translation>数值 R</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>outliers (beyond k·σ)</source>
        <translation>离群值（超出 k·σ）</translation>
    </message>
    <message>
        <source>clipped (截断)</source>
        <translation>截断</translation>
    </message>
    <message>
        <source>unused codes</source>
        <translation>未使用的码</translation>
    </message>
    <message>
        <source>representable range</source>
        <translation>可表示范围</translation>
    </message>
    <message>
        <source>zero point (零点)</source>
        <translation>零点</translation>
    </message>
    <message>
        <source>one line per code</source>
        <translation>每个码一条线</translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Values farther than this from the mean are marked as outliers</source>
        <translation>与均值的距离超过此值的数据被标为离群值</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Outliers beyond</source>
        <translation>离群阈值</translation>
    </message>
    <message>
        <source>R in [%1, %2)
count %3</source>
        <translation>R 位于 [%1, %2)
数量 %3</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>
codes %1</source>
        <translation>
码 %1</translation>
    </message>
    <message>
        <source>codes too dense for a line each</source>
        <translation>码太密，无法每个码画一条线</translation>
    </message>
    <message>
        <source>underflows to 0</source>
        <translation>下溢为 0</translation>
    </message>
    <message>
        <source>grid: %1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <source>%1&apos;s grid: %2</source>
        <translation>%1 的网格：%2</translation>
    </message>
    <message>
        <source>wheel to zoom, drag to pan, drag a grid end to clip by hand</source>
        <translation>滚轮缩放，拖动平移，拖动网格端点可手动截断</translation>
    </message>
</context>
<context>
    <name>qs::ui::JobStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>qs::ui::LessonGuide</name>
    <message>
        <source>Try this</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>← Previous</source>
        <translation>← 上一课</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一课 →</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Lesson %1 of %2: %3</source>
        <translation>第 %1 课（共 %2 课）：%3</translation>
    </message>
</context>
<context>
    <name>qs::ui::MainWindow</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Quantizer</source>
        <translation>量化器</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The transfer staircase, the error split and the use of every code</source>
        <translation>传递阶梯、误差分解和每个码的使用情况</translation>
    </message>
    <message>
        <source>Every channel&apos;s range and SQNR; pick one to see its own histogram</source>
        <translation>每个通道的范围与 SQNR；选择一个通道查看它自己的直方图</translation>
    </message>
    <message>
        <source>SQNR over bits, error over the clip threshold, one outlier growing</source>
        <translation>SQNR 随位数变化、误差随截断阈值变化、一个不断增大的离群值</translation>
    </message>
    <message>
        <source>Every tensor of the open file under the current scheme, with outlier flags; double-click one to open it</source>
        <translation>在当前方案下分析所打开文件的每个张量，并标出离群值；双击即可打开该张量</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Choose &amp;Tensor…</source>
        <translation>选择张量(&amp;T)…</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Export Plot</source>
        <translation>导出图表(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>内置数据(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Scheme</source>
        <translation>方案(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Tutorial defaults</source>
        <translation>教程默认设置(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Framework presets</source>
        <translation>框架预设(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log counts</source>
        <translation>对数计数(&amp;L)</translation>
    </message>
    <message>
        <source>Show &amp;walkthrough</source>
        <translation>显示逐步计算(&amp;W)</translation>
    </message>
    <message>
        <source>Show &amp;compare table</source>
        <translation>显示比较表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>&amp;About QuantScope</source>
        <translation>关于 QuantScope(&amp;A)</translation>
    </message>
    <message>
        <source>About QuantScope</source>
        <translation>关于 QuantScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;QuantScope&lt;/b&gt;&lt;p&gt;See what quantization does to a tensor: where values are clipped (截断), which codes go unused, what one outlier does to the scale.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later. Plots by QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;b&gt;QuantScope&lt;/b&gt;&lt;p&gt;看清量化对张量做了什么：哪些值被截断，哪些码没有用到，一个离群值对缩放因子有什么影响。&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later。图表由 QCustomPlot 绘制。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Histogram…</source>
        <translation>直方图(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>传递曲线(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Error…</source>
        <translation>误差(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Code Usage…</source>
        <translation>码的使用(&amp;C)…</translation>
    </message>
    <message>
        <source>Channel &amp;Ranges…</source>
        <translation>通道范围(&amp;R)…</translation>
    </message>
    <message>
        <source>Channel &amp;SQNR…</source>
        <translation>通道 SQNR(&amp;S)…</translation>
    </message>
    <message>
        <source>Picked C&amp;hannel…</source>
        <translation>所选通道(&amp;H)…</translation>
    </message>
    <message>
        <source>SQNR over &amp;Bits…</source>
        <translation>SQNR 随位数(&amp;B)…</translation>
    </message>
    <message>
        <source>Error over C&amp;lip…</source>
        <translation>误差随截断阈值(&amp;L)…</translation>
    </message>
    <message>
        <source>Growing &amp;Outlier…</source>
        <translation>增大的离群值(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Worst Tensors…</source>
        <translation>最差的张量(&amp;W)…</translation>
    </message>
    <message>
        <source>QuantScope</source>
        <translation>QuantScope</translation>
    </message>
    <message>
        <source>QuantScope — %1</source>
        <translation>QuantScope — %1</translation>
    </message>
    <message>
        <source>%1 values %2</source>
        <translation>%1 个值 %2</translation>
    </message>
    <message>
        <source>computed in %1 ms</source>
        <translation>计算耗时 %1 毫秒</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Sc&amp;ale Usage…</source>
        <translation>缩放因子使用情况(&amp;A)…</translation>
    </message>
    <message>
        <source>SQNR over Bits per &amp;Value…</source>
        <translation>SQNR 随每值位数(&amp;V)…</translation>
    </message>
    <message>
        <source>Format &amp;Errors…</source>
        <translation>格式误差(&amp;E)…</translation>
    </message>
    <message>
        <source>QuantScope — %1 — %2</source>
        <comment>tensor, session file</comment>
        <translation>QuantScope — %1 — %2</translation>
    </message>
    <message>
        <source>With a &amp;Title Line</source>
        <translation>附带标题行(&amp;T)</translation>
    </message>
    <message>
        <source>Exported plots name the tensor and the scheme above the plot</source>
        <translation>导出的图在图上方写明张量和方案</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群值</translation>
    </message>
    <message>
        <source>The tensor as a layer&apos;s weight W with activations X: SmoothQuant, a Hadamard rotation and LLM.int8(), judged at the output X·Wᵀ</source>
        <translation>把张量当作一层的权重 W，配上激活值 X：SmoothQuant、Hadamard 旋转和 LLM.int8()，以输出 X·Wᵀ 来评判</translation>
    </message>
    <message>
        <source>Open &amp;Activations…</source>
        <translation>打开激活值(&amp;A)…</translation>
    </message>
    <message>
        <source>A tensor [tokens, inputs] as X for the Outliers view, whose weight W is the tensor shown</source>
        <translation>一个 [tokens, inputs] 张量，作为离群值视图的 X；其权重 W 就是当前显示的张量</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>A Hugging Face model folder: config.json beside its safetensors or PyTorch weights (sharded through their index)</source>
        <translation>Hugging Face 模型文件夹：config.json 与其 safetensors 或 PyTorch 权重放在一起（分片的通过其索引读取）</translation>
    </message>
</context>
<context>
    <name>qs::ui::MeasuresPage</name>
    <message>
        <source>How to read it: an outlier channel of X gives X a high kurtosis and max/σ, and a per-tensor scale wide enough for it leaves few codes to the rest. SmoothQuant moves part of that range into W (X&apos;s kurtosis falls, W&apos;s may rise); a rotation spreads it over every channel of both; LLM.int8() keeps those channels out of the quantized product. Whether the trade pays shows only at the product: the output SQNR.</source>
        <translation>怎么看：X 的离群通道使 X 的峰度和 max/σ 很高，而足以容纳它的逐张量缩放因子只给其余数值留下很少的码。SmoothQuant 把部分范围转移到 W（X 的峰度下降，W 的可能上升）；旋转把它摊到两者的所有通道上；LLM.int8() 让这些通道不参与量化乘积。这种取舍是否划算，只有在乘积上才看得出来：看输出 SQNR。</translation>
    </message>
</context>
<context>
    <name>qs::ui::MetricsModel</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>qs::ui::MitigationControls</name>
    <message>
        <source>Transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <source>Each keeps the exact product: X′·W′ᵀ = X·Wᵀ before quantization</source>
        <translation>每种变换都保持乘积不变：量化前 X′·W′ᵀ = X·Wᵀ</translation>
    </message>
    <message>
        <source>SmoothQuant</source>
        <translation>SmoothQuant</translation>
    </message>
    <message>
        <source>s_j = max|X_j|^α / max|W_j|^(1−α); X·diag(s)⁻¹ and W·diag(s): α moves the difficulty from the activations to the weight</source>
        <translation>s_j = max|X_j|^α / max|W_j|^(1−α)；X·diag(s)⁻¹ 与 W·diag(s)：α 把量化难度从激活值转移到权重</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Try α from 0 to 1 in steps of 0.05 and keep the one with the highest output SQNR</source>
        <translation>以 0.05 为步长从 0 到 1 尝试 α，保留输出 SQNR 最高的那个</translation>
    </message>
    <message>
        <source>Hadamard rotation</source>
        <translation>Hadamard 旋转</translation>
    </message>
    <message>
        <source>A randomized Hadamard rotation: X·Q and W·Q with Q = D·H/√n orthogonal, so an outlier channel of X is spread over every channel</source>
        <translation>随机化 Hadamard 旋转：X·Q 与 W·Q，Q = D·H/√n 为正交矩阵，于是 X 的一个离群通道被摊到所有通道上</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>LLM.int8() decomposition</source>
        <translation>LLM.int8() 分解</translation>
    </message>
    <message>
        <source>Input channels where some |x| reaches the threshold stay in float16 in X and W; the rest are quantized with a scale per row (a per-tensor format becomes per row)</source>
        <translation>某个 |x| 达到阈值的输入通道在 X 和 W 中都保留为 float16；其余通道按行各用一个缩放因子量化（逐张量的格式变为逐行）</translation>
    </message>
    <message>
        <source>|x| ≥ </source>
        <translation>|x| ≥ </translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Weight W</source>
        <translation>权重 W</translation>
    </message>
    <message>
        <source>Activations X</source>
        <translation>激活值 X</translation>
    </message>
    <message>
        <source>Any name the command line takes: int&lt;b&gt; with tensor, channel or g&lt;N&gt;, asym, fp16; fp8-e4m3, mxfp4, nvfp4, ...</source>
        <translation>命令行接受的任何名称：int&lt;b&gt; 加 tensor、channel 或 g&lt;N&gt;、asym、fp16；fp8-e4m3、mxfp4、nvfp4 等</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Outlier channels</source>
        <translation>离群通道数</translation>
    </message>
    <message>
        <source>Outlier scale</source>
        <translation>离群倍数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Synthetic</source>
        <translation>合成数据</translation>
    </message>
    <message>
        <source>From a file</source>
        <translation>来自文件</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>File → Open Activations…: a tensor [tokens, inputs] (leading dimensions are taken as tokens)</source>
        <translation>文件 → 打开激活值…：一个 [tokens, inputs] 张量（前面的维度都当作 token）</translation>
    </message>
    <message>
        <source>Synthetic, shaped like the activations LLM.int8() measured in transformers: a few channels 20–100× the rest in nearly every token. No model produced these.</source>
        <translation>合成数据，形状仿照 LLM.int8() 在 Transformer 中测得的激活值：少数通道在几乎每个 token 中都是其余通道的 20–100 倍。这些值并非由任何模型产生。</translation>
    </message>
    <message>
        <source>α = %1</source>
        <translation>α = %1</translation>
    </message>
    <message>
        <source>1 input channel kept in float16</source>
        <translation>1 个输入通道保留为 float16</translation>
    </message>
    <message>
        <source>%1 input channels kept in float16</source>
        <translation>%1 个输入通道保留为 float16</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
</context>
<context>
    <name>qs::ui::MitigationMeasuresModel</name>
    <message>
        <source>output SQNR</source>
        <translation>输出 SQNR</translation>
    </message>
    <message>
        <source>worst output channel</source>
        <translation>最差输出通道</translation>
    </message>
    <message>
        <source>W SQNR</source>
        <translation>W 的 SQNR</translation>
    </message>
    <message>
        <source>X SQNR</source>
        <translation>X 的 SQNR</translation>
    </message>
    <message>
        <source>W kurtosis</source>
        <translation>W 的峰度</translation>
    </message>
    <message>
        <source>X kurtosis</source>
        <translation>X 的峰度</translation>
    </message>
    <message>
        <source>W max|w|/σ</source>
        <translation>W 的 max|w|/σ</translation>
    </message>
    <message>
        <source>X max|x|/σ</source>
        <translation>X 的 max|x|/σ</translation>
    </message>
    <message>
        <source>float16 channels</source>
        <translation>float16 通道数</translation>
    </message>
    <message>
        <source>Output SQNR of Y = X·Wᵀ: 10·log10(Σ Y² / Σ (Y − Q(X)·Q(W)ᵀ)²) against the float64 product — the error the layer&apos;s output carries, which is what matters</source>
        <translation>Y = X·Wᵀ 的输出 SQNR：10·log10(Σ Y² / Σ (Y − Q(X)·Q(W)ᵀ)²)，以 float64 乘积为参照——这是该层输出所带的误差，也是真正要紧的</translation>
    </message>
    <message>
        <source>The SQNR of the output channel that fares worst, over the tokens</source>
        <translation>表现最差的输出通道在所有 token 上的 SQNR</translation>
    </message>
    <message>
        <source>The side&apos;s quantization error, in its own transformed domain (float16 channels included)</source>
        <translation>这一侧的量化误差，在其自身变换后的域中计算（包括 float16 通道）</translation>
    </message>
    <message>
        <source>E[(x − μ)⁴]/σ⁴ of the transformed values: 3 for a Gaussian, far more when a few values dominate</source>
        <translation>变换后数值的 E[(x − μ)⁴]/σ⁴：高斯分布为 3，少数值占主导时远大于此</translation>
    </message>
    <message>
        <source>How many σ the largest value lies out: the range a per-tensor scale must cover</source>
        <translation>最大值离均值有多少个 σ：逐张量缩放因子必须覆盖的范围</translation>
    </message>
    <message>
        <source>LLM.int8(): the input channels kept in float16, left out of the quantized product</source>
        <translation>LLM.int8()：保留为 float16、不参与量化乘积的输入通道</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变换前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变换后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>qs::ui::ModelPanel</name>
    <message>
        <source>1 tensor</source>
        <translation>1 个张量</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 个张量</translation>
    </message>
    <message>
        <source>The Model view analyses every tensor of a model file under the current scheme. Open a .safetensors, .npz, .onnx, .gguf or TF.js model.json (File → Open).</source>
        <translation>“模型”视图在当前方案下分析模型文件中的每个张量。请打开 .safetensors、.npz、.onnx、.gguf 或 TF.js 的 model.json（文件 → 打开）。</translation>
    </message>
    <message>
        <source>Analysing every tensor of %1…</source>
        <translation>正在分析 %1 的每个张量…</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2. The report runs again when the scheme or file changes.</source>
        <translation>分析了 %2 的 %1 后已取消。方案或文件改变时会重新运行。</translation>
    </message>
    <message>
        <source>%1 of %2 under the current scheme, worst SQNR first.</source>
        <translation>%2 的 %1，在当前方案下按 SQNR 从差到好排列。</translation>
    </message>
    <message>
        <source>%1 skipped (%2 not floating-point).</source>
        <translation>跳过 %1 个（其中 %2 个不是浮点数）。</translation>
    </message>
    <message>
        <source>Double-click a tensor to open it.</source>
        <translation>双击张量即可打开。</translation>
    </message>
    <message>
        <source>Best &amp;format:</source>
        <translation>最佳格式(&amp;F)：</translation>
    </message>
    <message>
        <source>not sought</source>
        <translation>不查找</translation>
    </message>
    <message>
        <source>at 4 bits (int4, NF4, FP4, MXFP4, NVFP4)</source>
        <translation>4 位（int4、NF4、FP4、MXFP4、NVFP4）</translation>
    </message>
    <message>
        <source>at 8 bits (int8, FP8, MXFP8, MXINT8)</source>
        <translation>8 位（int8、FP8、MXFP8、MXINT8）</translation>
    </message>
    <message>
        <source>Run the Formats tab&apos;s shoot-out of the class on every tensor and show the best format within one bit per value of it</source>
        <translation>对每个张量运行“格式”页该类别的格式对比，显示每值位数不超出该类别一位的最佳格式</translation>
    </message>
    <message>
        <source>GGUF: %1 bits per value; %2.</source>
        <translation>GGUF：每个值 %1 位；%2。</translation>
    </message>
    <message>
        <source>Labelled %1.</source>
        <translation>标注为 %1。</translation>
    </message>
    <message>
        <source>The label disagrees: %1.</source>
        <translation>标注与实际不符：%1。</translation>
    </message>
    <message>
        <source>Comparing every tensor of %1 with %2…</source>
        <translation>正在将 %1 的每个张量与 %2 比较…</translation>
    </message>
    <message>
        <source>values</source>
        <translation>数值个数</translation>
    </message>
    <message>
        <source>Highest: %1</source>
        <translation>最高：%1</translation>
    </message>
    <message>
        <source>Lowest: %1</source>
        <translation>最低：%1</translation>
    </message>
</context>
<context>
    <name>qs::ui::ModelTableModel</name>
    <message>
        <source>already quantized</source>
        <translation>已量化</translation>
    </message>
    <message>
        <source>%1
min %2, max %3, mean %4, std %5
p97.5 of |x| = %6</source>
        <translation>%1
最小值 %2，最大值 %3，均值 %4，标准差 %5
|x| 的 p97.5 = %6</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>max/σ</source>
        <translation>最大值/σ</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <source>p100/p97.5</source>
        <translation>p100/p97.5</translation>
    </message>
    <message>
        <source>&gt; 6σ</source>
        <translation>&gt; 6σ</translation>
    </message>
    <message>
        <source>|x| ≥ 6</source>
        <translation>|x| ≥ 6</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>Zero code</source>
        <translation>零码</translation>
    </message>
    <message>
        <source>Gain per channel</source>
        <translation>逐通道增益</translation>
    </message>
    <message>
        <source>Outlier rules</source>
        <translation>离群规则</translation>
    </message>
    <message>
        <source>Largest magnitude over the standard deviation</source>
        <translation>最大绝对值与标准差之比</translation>
    </message>
    <message>
        <source>Excess kurtosis: 0 for a Gaussian, large for heavy tails</source>
        <translation>超额峰度：高斯分布为 0，重尾分布很大</translation>
    </message>
    <message>
        <source>Largest |x| over the 97.5th percentile of |x|; PyTorch&apos;s ModelReport flags ratios above 3.5</source>
        <translation>最大 |x| 与 |x| 的第 97.5 百分位之比；PyTorch 的 ModelReport 将大于 3.5 的比值标为离群</translation>
    </message>
    <message>
        <source>Values more than 6 standard deviations from the mean</source>
        <translation>与均值相差超过 6 个标准差的值</translation>
    </message>
    <message>
        <source>Values of magnitude 6 or more, LLM.int8()&apos;s outlier threshold</source>
        <translation>绝对值不小于 6 的值，即 LLM.int8() 的离群阈值</translation>
    </message>
    <message>
        <source>Signal-to-quantization-noise ratio under the current scheme</source>
        <translation>当前方案下的信号量化噪声比</translation>
    </message>
    <message>
        <source>Share of values that quantize to the zero point</source>
        <translation>量化到零点的值所占比例</translation>
    </message>
    <message>
        <source>dB gained with one scale per output channel instead of one for the tensor</source>
        <translation>每个输出通道一个缩放因子相对整个张量一个缩放因子所提高的 dB</translation>
    </message>
    <message>
        <source>p100/p97.5: PyTorch ModelReport&apos;s ratio above 3.5; 6σ: values beyond six standard deviations; |x|≥6: LLM.int8()&apos;s outlier magnitude</source>
        <translation>p100/p97.5：PyTorch ModelReport 的比值大于 3.5；6σ：有值超出六个标准差；|x|≥6：LLM.int8() 的离群幅度</translation>
    </message>
    <message>
        <source>%1 (%2 dB, %3 bits)</source>
        <translation>%1（%2 dB，%3 位）</translation>
    </message>
    <message>
        <source>Best format</source>
        <translation>最佳格式</translation>
    </message>
    <message>
        <source>The format of the chosen class with the highest SQNR on this tensor within one bit per value of the class (scales included), as the Formats tab&apos;s shoot-out finds it; sorted by its SQNR</source>
        <translation>所选类别中在此张量上 SQNR 最高、每值位数（含缩放因子）不超出该类别一位的格式，与“格式”页的格式对比结果一致；按其 SQNR 排序</translation>
    </message>
</context>
<context>
    <name>qs::ui::OutliersPanel</name>
    <message>
        <source>Generate a weight W %1</source>
        <translation>生成权重 W %1</translation>
    </message>
    <message>
        <source>Normal values with σ = %1, as a freshly initialised layer&apos;s; the window shows it as its tensor</source>
        <translation>σ = %1 的正态分布值，如同刚初始化的层；窗口把它作为当前张量显示</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Channel max</source>
        <translation>通道最大值</translation>
    </message>
    <message>
        <source>X values</source>
        <translation>X 的数值</translation>
    </message>
    <message>
        <source>W values</source>
        <translation>W 的数值</translation>
    </message>
    <message>
        <source>Per output</source>
        <translation>逐输出通道</translation>
    </message>
    <message>
        <source>SQNR(α)</source>
        <translation>SQNR(α)</translation>
    </message>
    <message>
        <source>Output SQNR and each side&apos;s SQNR, kurtosis and max/σ, before and after</source>
        <translation>变换前后的输出 SQNR，以及每一侧的 SQNR、峰度和 max/σ</translation>
    </message>
    <message>
        <source>Per input channel: max |x| of X and max |w| of W, before and after — the difficulty the transforms move</source>
        <translation>逐输入通道：X 的 max |x| 与 W 的 max |w|，变换前后——即变换所转移的难度</translation>
    </message>
    <message>
        <source>The activations&apos; values and grid, before and after</source>
        <translation>激活值的数值与网格，变换前后</translation>
    </message>
    <message>
        <source>The weight&apos;s values and grid, before and after</source>
        <translation>权重的数值与网格，变换前后</translation>
    </message>
    <message>
        <source>How the output SQNR is spread over the output channels</source>
        <translation>输出 SQNR 在各输出通道上的分布</translation>
    </message>
    <message>
        <source>Output SQNR for every α of SmoothQuant, the other transforms as set</source>
        <translation>SmoothQuant 每个 α 下的输出 SQNR，其余变换按当前设置</translation>
    </message>
    <message>
        <source>Open activations</source>
        <translation>打开激活值</translation>
    </message>
    <message>
        <source>%1 %2 has one dimension: it cannot be the weight of a linear layer, which is a matrix [out, in] (a convolution&apos;s [out, in, kh, kw] counts as [out, in·kh·kw]). Open or generate a tensor of two or more dimensions to see outlier mitigation.</source>
        <translation>%1 %2 只有一维：它不能作为线性层的权重，线性层的权重是矩阵 [out, in]（卷积的 [out, in, kh, kw] 视为 [out, in·kh·kw]）。请打开或生成一个二维及以上的张量来查看离群值缓解。</translation>
    </message>
    <message>
        <source>Open or generate a weight: the window&apos;s tensor is W.</source>
        <translation>请打开或生成一个权重：窗口当前的张量就是 W。</translation>
    </message>
    <message>
        <source>%1%2 dB</source>
        <translation>%1%2 dB</translation>
    </message>
    <message>
        <source>Output SQNR: &lt;b&gt;%1&lt;/b&gt; (no transform on: after is before)</source>
        <translation>输出 SQNR：&lt;b&gt;%1&lt;/b&gt;（未开启变换：变换后即变换前）</translation>
    </message>
    <message>
        <source>Output SQNR: %1 before → &lt;b&gt;%2&lt;/b&gt; after (%3)</source>
        <translation>输出 SQNR：变换前 %1 → 变换后 &lt;b&gt;%2&lt;/b&gt;（%3）</translation>
    </message>
    <message>
        <source>Output SQNR: …</source>
        <translation>输出 SQNR：…</translation>
    </message>
    <message>
        <source>Computing the reference product X·Wᵀ in float64…</source>
        <translation>正在用 float64 计算参照乘积 X·Wᵀ…</translation>
    </message>
    <message>
        <source>Scanning SmoothQuant&apos;s α from 0 to 1…</source>
        <translation>正在从 0 到 1 扫描 SmoothQuant 的 α…</translation>
    </message>
    <message>
        <source>Quantizing both sides and multiplying…</source>
        <translation>正在量化两侧并相乘…</translation>
    </message>
    <message>
        <source>Cancelled. Change a setting to compute again.</source>
        <translation>已取消。更改任一设置即可重新计算。</translation>
    </message>
    <message>
        <source>Y = X·Wᵀ with synthetic X %1 and W %2 %3, measured against the float64 product</source>
        <translation>Y = X·Wᵀ，X 为合成数据 %1，W 为 %2 %3，以 float64 乘积为参照</translation>
    </message>
    <message>
        <source>Y = X·Wᵀ with X %1 %2 and W %3 %4, measured against the float64 product</source>
        <translation>Y = X·Wᵀ，X 为 %1 %2，W 为 %3 %4，以 float64 乘积为参照</translation>
    </message>
    <message>
        <source>Tensors and models (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin *.ckpt *.json *.csv *.tsv *.txt);;All files (*)</source>
        <translation>张量与模型 (*.npy *.npz *.safetensors *.onnx *.gguf *.pt *.pth *.bin *.ckpt *.json *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>qs::ui::OutputChannelPlot</name>
    <message>
        <source>SQNR of one output channel over the tokens (dB)</source>
        <translation>单个输出通道在所有 token 上的 SQNR (dB)</translation>
    </message>
    <message>
        <source>output channels</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>SQNR per output channel</source>
        <translation>逐输出通道的 SQNR</translation>
    </message>
    <message>
        <source>before</source>
        <translation>变换前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>变换后</translation>
    </message>
    <message>
        <source>before: %1</source>
        <translation>变换前：%1</translation>
    </message>
    <message>
        <source>after: %1</source>
        <translation>变换后：%1</translation>
    </message>
    <message>
        <source>lossless (not drawn): %1 before, %2 after</source>
        <translation>无损（未画出）：变换前 %1 个，变换后 %2 个</translation>
    </message>
    <message>
        <source>SQNR of each of the %1 output channels (dashed: of the whole output)</source>
        <translation>%1 个输出通道各自的 SQNR（虚线：整个输出的 SQNR）</translation>
    </message>
</context>
<context>
    <name>qs::ui::ReferenceBar</name>
    <message>
        <source>Clear Reference</source>
        <translation>清除参考</translation>
    </message>
    <message>
        <source>Stop comparing with the reference file</source>
        <translation>停止与参考文件比较</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>正在与 %1 比较…</translation>
    </message>
    <message>
        <source>Compared with %1: %2 matched, %3 not matched.</source>
        <translation>已与 %1 比较：%2 个匹配，%3 个未匹配。</translation>
    </message>
    <message>
        <source>The Reference tensor column says why.</source>
        <translation>“参考张量”一列说明原因。</translation>
    </message>
    <message>
        <source>Read from %1</source>
        <translation>读取自 %1</translation>
    </message>
    <message>
        <source>The comparison with %1 was cancelled. It runs again when the report does or the reference changes.</source>
        <translation>与 %1 的比较已取消。报告重新运行或参考改变时会再次运行。</translation>
    </message>
    <message>
        <source>Cannot compare with %1:</source>
        <translation>无法与 %1 比较：</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 还有 %1 个</translation>
    </message>
</context>
<context>
    <name>qs::ui::ReferenceChooser</name>
    <message>
        <source>Compare with &amp;Reference…</source>
        <translation>与参考比较(&amp;R)…</translation>
    </message>
    <message>
        <source>Measure the stored values of the open file against a float file (.gguf, .safetensors, an index, ...) in the Model view</source>
        <translation>在“模型”视图中，将打开文件的存储值与一个浮点文件（.gguf、.safetensors、索引……）比较</translation>
    </message>
    <message>
        <source>Compare with Reference Fol&amp;der…</source>
        <translation>与参考文件夹比较(&amp;D)…</translation>
    </message>
    <message>
        <source>The same against a Hugging Face folder: its model.safetensors, or the shards its index lists</source>
        <translation>同上，但与 Hugging Face 文件夹比较：其 model.safetensors，或其索引列出的分片</translation>
    </message>
    <message>
        <source>Clear Refere&amp;nce</source>
        <translation>清除参考(&amp;N)</translation>
    </message>
    <message>
        <source>Compare with a Hugging Face folder</source>
        <translation>与 Hugging Face 文件夹比较</translation>
    </message>
    <message>
        <source>Compare with a reference file</source>
        <translation>与参考文件比较</translation>
    </message>
    <message>
        <source>Float tensors and models (*.gguf *.safetensors *.json *.npz *.onnx *.pt *.pth *.bin *.ckpt *.npy);;All files (*)</source>
        <translation>浮点张量与模型 (*.gguf *.safetensors *.json *.npz *.onnx *.pt *.pth *.bin *.ckpt *.npy);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>qs::ui::ReferenceColumnsModel</name>
    <message>
        <source>%1 (%2 dB, %3 bits)</source>
        <translation>%1（%2 dB，%3 位）</translation>
    </message>
    <message>
        <source>Quantized from the reference values (stored: %1):</source>
        <translation>由参考值量化得到（存储类型：%1）：</translation>
    </message>
    <message>
        <source>%1: %2 dB, %3 bits per value</source>
        <translation>%1：%2 dB，每值 %3 位</translation>
    </message>
    <message>
        <source>Reference tensor</source>
        <translation>参考张量</translation>
    </message>
    <message>
        <source>Ref. SQNR (dB)</source>
        <translation>参考 SQNR (dB)</translation>
    </message>
    <message>
        <source>Ref. cosine</source>
        <translation>参考余弦</translation>
    </message>
    <message>
        <source>Ref. max |e|</source>
        <translation>参考最大 |e|</translation>
    </message>
    <message>
        <source>Best alternative</source>
        <translation>最佳替代</translation>
    </message>
    <message>
        <source>The reference tensor the stored one is measured against, matched by name or by llama.cpp&apos;s name mapping; in italics, why none is</source>
        <translation>用来衡量存储张量的参考张量，按名称或 llama.cpp 的名称映射匹配；斜体表示没有匹配的原因</translation>
    </message>
    <message>
        <source>Signal-to-noise ratio of the stored values, with the reference values as the signal and stored − reference as the noise</source>
        <translation>存储值的信噪比：参考值为信号，存储值 − 参考值为噪声</translation>
    </message>
    <message>
        <source>Cosine similarity of the stored values and the reference values</source>
        <translation>存储值与参考值的余弦相似度</translation>
    </message>
    <message>
        <source>Largest |stored − reference| over the tensor</source>
        <translation>整个张量上 |存储值 − 参考值| 的最大值</translation>
    </message>
    <message>
        <source>Of the other ggml types of the stored type&apos;s bits class, each quantized from the reference values as llama.cpp does, the one with the highest SQNR against them; hover a cell for every type; sorted by its SQNR</source>
        <translation>在与存储类型同一位数类别的其他 ggml 类型中（各自像 llama.cpp 那样由参考值量化），相对参考值 SQNR 最高的那个；悬停单元格可查看所有类型；按其 SQNR 排序</translation>
    </message>
</context>
<context>
    <name>qs::ui::ScaleUsagePlot</name>
    <message>
        <source>blocks</source>
        <translation>块数</translation>
    </message>
    <message>
        <source>E8M0 0x%1: X = %2
%3 blocks</source>
        <translation>E8M0 0x%1：X = %2
%3 个块</translation>
    </message>
    <message>
        <source>E4M3 0x%1: s = %2
%3 blocks</source>
        <translation>E4M3 0x%1：s = %2
%3 个块</translation>
    </message>
    <message>
        <source>E8M0 scale X: %1 codes, %2 blocks</source>
        <translation>E8M0 缩放因子 X：%1 个码，%2 个块</translation>
    </message>
    <message>
        <source>E4M3 scale s: %1 codes, %2 blocks</source>
        <translation>E4M3 缩放因子 s：%1 个码，%2 个块</translation>
    </message>
    <message>
        <source>absmax (float32): %1 blocks</source>
        <translation>absmax（float32）：%1 个块</translation>
    </message>
    <message>
        <source>scale s (float32): %1 groups</source>
        <translation>缩放因子 s（float32）：%1 个分组</translation>
    </message>
    <message>
        <source>[%1, %2)
%3 blocks</source>
        <translation>[%1, %2)
%3 个块</translation>
    </message>
    <message>
        <source>%1 of %2 codes (%3 … %4)</source>
        <translation>%2 个码中的 %1 个（%3 … %4）</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>dmin</source>
        <translation>dmin</translation>
    </message>
    <message>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <source>fp16 value: %1 blocks</source>
        <translation>fp16 值：%1 个块</translation>
    </message>
    <message>
        <source>scale codes</source>
        <translation>缩放码</translation>
    </message>
    <message>
        <source>%1-bit scale codes: %2</source>
        <translation>%1 位缩放码：%2</translation>
    </message>
    <message>
        <source>minimum codes</source>
        <translation>最小值码</translation>
    </message>
    <message>
        <source>; minimum codes: %1</source>
        <translation>；最小值码：%1</translation>
    </message>
    <message>
        <source>; factor = code − %1</source>
        <translation>；因子 = 码 − %1</translation>
    </message>
    <message>
        <source>; %1 sub-blocks</source>
        <translation>；%1 个子块</translation>
    </message>
    <message>
        <source>sub-blocks</source>
        <translation>子块</translation>
    </message>
    <message>
        <source>scale code %1: %2 sub-blocks</source>
        <translation>缩放码 %1：%2 个子块</translation>
    </message>
    <message>
        <source>minimum code %1: %2 sub-blocks</source>
        <translation>最小值码 %1：%2 个子块</translation>
    </message>
</context>
<context>
    <name>qs::ui::SchemePanel</name>
    <message>
        <source>General process (一般过程)</source>
        <translation>一般过程</translation>
    </message>
    <message>
        <source>Symmetric (对称量化)</source>
        <translation>对称量化</translation>
    </message>
    <message>
        <source>Asymmetric (非对称量化)</source>
        <translation>非对称量化</translation>
    </message>
    <message>
        <source>signed codes</source>
        <translation>有符号码</translation>
    </message>
    <message>
        <source>narrow range (drop the lowest code)</source>
        <translation>窄范围（去掉最小的码）</translation>
    </message>
    <message>
        <source>half to even (np.round)</source>
        <translation>四舍六入五成双 (np.round)</translation>
    </message>
    <message>
        <source>half away from zero (roundf)</source>
        <translation>四舍五入，远离零 (roundf)</translation>
    </message>
    <message>
        <source>half up</source>
        <translation>四舍五入，向上</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>向下取整</translation>
    </message>
    <message>
        <source>stochastic</source>
        <translation>随机舍入</translation>
    </message>
    <message>
        <source>Rmax (tutorial): Z = Qmax − Round(Rmax/Scale)</source>
        <translation>Rmax（教程）：Z = Qmax − Round(Rmax/Scale)</translation>
    </message>
    <message>
        <source>Rmin (PyTorch, ONNX): Z = Qmin − Round(Rmin/Scale)</source>
        <translation>Rmin（PyTorch、ONNX）：Z = Qmin − Round(Rmin/Scale)</translation>
    </message>
    <message>
        <source>the tutorial (NumPy)</source>
        <translation>教程（NumPy）</translation>
    </message>
    <message>
        <source>PyTorch 1.13</source>
        <translation>PyTorch 1.13</translation>
    </message>
    <message>
        <source>llama.cpp Q8_0</source>
        <translation>llama.cpp Q8_0</translation>
    </message>
    <message>
        <source>llama.cpp Q4_0</source>
        <translation>llama.cpp Q4_0</translation>
    </message>
    <message>
        <source>Whose arithmetic computes scale, zero point and codes: the same formulas differ in float32 vs float64, rounding and clamping</source>
        <translation>按谁的算法计算缩放因子、零点和码：同样的公式在 float32 与 float64、舍入和限幅上各有不同</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>舍入</translation>
    </message>
    <message>
        <source>Rounding seed</source>
        <translation>舍入种子</translation>
    </message>
    <message>
        <source>Zero point from</source>
        <translation>零点取自</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Scale = (Rmax − Rmin) / (Qmax − Qmin)&lt;br&gt;Q = Clip(Round(R / Scale), Qmin, Qmax)&lt;br&gt;R′ = Q · Scale&lt;br&gt;&lt;i&gt;No zero point: an off-centre range clips one end and wastes the other.&lt;/i&gt;</source>
        <translation>Scale = (Rmax − Rmin) / (Qmax − Qmin)&lt;br&gt;Q = Clip(Round(R / Scale), Qmin, Qmax)&lt;br&gt;R′ = Q · Scale&lt;br&gt;&lt;i&gt;没有零点：不以零为中心的范围一端被截断，另一端被浪费。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Scale = max|R| / Qmax&lt;br&gt;Q = Clip(Round(R / Scale), −Qmax, Qmax)&lt;br&gt;R′ = Q · Scale&lt;br&gt;&lt;i&gt;Z = 0 (TensorRT): nothing clips, but a one-sided range wastes the other half.&lt;/i&gt;</source>
        <translation>Scale = max|R| / Qmax&lt;br&gt;Q = Clip(Round(R / Scale), −Qmax, Qmax)&lt;br&gt;R′ = Q · Scale&lt;br&gt;&lt;i&gt;Z = 0（TensorRT）：没有截断，但只有一侧的范围会浪费另一半。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Scale = (Rmax − Rmin) / (Qmax − Qmin)&lt;br&gt;Z = Qmax − Round(Rmax / Scale)&lt;br&gt;Q = Clip(Round(R / Scale + Z), Qmin, Qmax)&lt;br&gt;R′ = (Q − Z) · Scale&lt;br&gt;&lt;i&gt;The zero point Z shifts the grid onto the data&apos;s range.&lt;/i&gt;</source>
        <translation>Scale = (Rmax − Rmin) / (Qmax − Qmin)&lt;br&gt;Z = Qmax − Round(Rmax / Scale)&lt;br&gt;Q = Clip(Round(R / Scale + Z), Qmin, Qmax)&lt;br&gt;R′ = (Q − Z) · Scale&lt;br&gt;&lt;i&gt;零点 Z 把网格平移到数据的范围上。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preset&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;预设&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>as the arithmetic keeps it</source>
        <translation>按算法原样保留</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>float16 (GPTQ, AWQ checkpoints)</source>
        <translation>float16（GPTQ、AWQ 检查点）</translation>
    </message>
    <message>
        <source>How each scale is stored: float16 rounds it before any value is quantized, and it costs 16 bits per group instead of 32 or 64</source>
        <translation>每个缩放因子的存储方式：float16 会在量化任何值之前先对它舍入，并且每个分组占 16 位，而不是 32 或 64 位</translation>
    </message>
    <message>
        <source>Scale stored as</source>
        <translation>缩放因子存储为</translation>
    </message>
</context>
<context>
    <name>qs::ui::SessionController</name>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>QuantScope</source>
        <translation>QuantScope</translation>
    </message>
    <message>
        <source>The session %1 has changed. Save the changes?</source>
        <translation>会话 %1 已更改。要保存更改吗？</translation>
    </message>
    <message>
        <source>This session&apos;s tensor file is not where it was saved:
%1
Has it moved? Locate it to open the session.</source>
        <translation>此会话的张量文件已不在保存时的位置：
%1
是否已移动？请找到它以打开会话。</translation>
    </message>
    <message>
        <source>Locate file…</source>
        <translation>查找文件…</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>查找 %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Files like it (*.%1);;All files (*)</source>
        <translation>同类文件 (*.%1);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>qs::ui::ShootoutModel</name>
    <message>
        <source>On the Pareto front: no other format has as much SQNR with fewer bits per value. Click to show this format.</source>
        <translation>位于帕累托前沿：没有其他格式能以更少的每值位数达到同样高的 SQNR。点击显示该格式。</translation>
    </message>
    <message>
        <source>Click to show this format.</source>
        <translation>点击显示该格式。</translation>
    </message>
    <message>
        <source>Element bits plus the scales&apos; share: scale bits × blocks / values</source>
        <translation>元素位数加上缩放因子分摊的位数：缩放因子位数 × 块数 / 值数</translation>
    </message>
    <message>
        <source>Signal-to-quantization-noise ratio, 10·log10(ΣR² / Σ(R′ − R)²)</source>
        <translation>信号量化噪声比，10·log10(ΣR² / Σ(R′ − R)²)</translation>
    </message>
    <message>
        <source>Share of the values that land on the code holding 0</source>
        <translation>落在表示 0 的码上的值所占比例</translation>
    </message>
    <message>
        <source>Values clipped (截断) or saturated at the grid&apos;s ends</source>
        <translation>在网格两端被截断或饱和的值</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>bits/value</source>
        <translation>位/值</translation>
    </message>
    <message>
        <source>SQNR dB</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>max |e|</source>
        <translation>最大 |e|</translation>
    </message>
    <message>
        <source>zero code</source>
        <translation>零码</translation>
    </message>
    <message>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
</context>
<context>
    <name>qs::ui::ShootoutPanel</name>
    <message>
        <source>Formats at equal bits:</source>
        <translation>同等位数的格式：</translation>
    </message>
    <message>
        <source>4-bit class (int4, NF4, FP4, MXFP4, NVFP4)</source>
        <translation>4 位类别（int4、NF4、FP4、MXFP4、NVFP4）</translation>
    </message>
    <message>
        <source>8-bit class (int8, FP8, MXFP8, MXINT8)</source>
        <translation>8 位类别（int8、FP8、MXFP8、MXINT8）</translation>
    </message>
    <message>
        <source>Analysing the tensor under every format of the class…</source>
        <translation>正在用该类别的每种格式分析张量…</translation>
    </message>
    <message>
        <source>Best SQNR first; ★ on the Pareto front of SQNR against bits per value. Click a row to show that format.</source>
        <translation>按 SQNR 从高到低排列；★ 表示位于 SQNR 对每值位数的帕累托前沿上。点击某一行即可显示该格式。</translation>
    </message>
    <message>
        <source>Cancelled. It runs again when the tensor or class changes.</source>
        <translation>已取消。张量或类别改变时会重新运行。</translation>
    </message>
</context>
<context>
    <name>qs::ui::ShootoutPlots</name>
    <message>
        <source>bits per value (scales included)</source>
        <translation>每值位数（含缩放因子）</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>|R′ − R| at most</source>
        <translation>|R′ − R| 的最大值</translation>
    </message>
    <message>
        <source>share of values</source>
        <translation>值所占比例</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>the current format</source>
        <translation>当前格式</translation>
    </message>
</context>
<context>
    <name>qs::ui::SideHistograms</name>
    <message>
        <source>Log counts</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Colours as in the Quantizer view&apos;s histogram, whose legend names them; the wheel zooms, a double-click resets</source>
        <translation>颜色含义与“量化器”视图中的直方图相同，其图例给出各颜色的名称；滚轮缩放，双击复原</translation>
    </message>
    <message>
        <source>%1, each with its own grid; the lines are %2&apos;s</source>
        <translation>%1，各有自己的网格；画出的是%2的网格线</translation>
    </message>
    <message>
        <source>%1 (the %2 channels in float16 left out)</source>
        <translation>%1（不含保留为 float16 的 %2 个通道）</translation>
    </message>
    <message>
        <source>W before: the format alone</source>
        <translation>变换前的 W：只用格式</translation>
    </message>
    <message>
        <source>X before: the format alone</source>
        <translation>变换前的 X：只用格式</translation>
    </message>
    <message>
        <source>W after: %1</source>
        <translation>变换后的 W：%1</translation>
    </message>
    <message>
        <source>X after: %1</source>
        <translation>变换后的 X：%1</translation>
    </message>
</context>
<context>
    <name>qs::ui::SourcePanel</name>
    <message>
        <source>normal</source>
        <translation>正态</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>Laplace</source>
        <translation>拉普拉斯</translation>
    </message>
    <message>
        <source>Student&apos;s t</source>
        <translation>Student t</translation>
    </message>
    <message>
        <source>log-normal</source>
        <translation>对数正态</translation>
    </message>
    <message>
        <source>bimodal</source>
        <translation>双峰</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>numpy randn (the tutorial&apos;s)</source>
        <translation>numpy randn（教程所用）</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>alternate</source>
        <translation>正负交替</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Data preset</source>
        <translation>内置数据</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>A count (100000) or a shape (64,1024)</source>
        <translation>数量（100000）或形状（64,1024）</translation>
    </message>
    <message>
        <source>σ of the data</source>
        <translation>数据的 σ</translation>
    </message>
    <message>
        <source>absolute value</source>
        <translation>绝对值</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>尺度</translation>
    </message>
    <message>
        <source>Degrees of freedom</source>
        <translation>自由度</translation>
    </message>
    <message>
        <source>Second mean</source>
        <translation>第二个均值</translation>
    </message>
    <message>
        <source>First weight</source>
        <translation>第一个权重</translation>
    </message>
    <message>
        <source>Count or shape</source>
        <translation>数量或形状</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群值</translation>
    </message>
    <message>
        <source>Magnitude</source>
        <translation>幅度</translation>
    </message>
    <message>
        <source>Measured in</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>No file opened. Use File → Open or drop a file on the window.</source>
        <translation>还没有打开文件。请使用“文件 → 打开”，或把文件拖到窗口上。</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
</context>
<context>
    <name>qs::ui::SweepPlots</name>
    <message>
        <source>SQNR over bit width</source>
        <translation>SQNR 随位宽的变化</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>Error over clip threshold</source>
        <translation>误差随截断阈值的变化</translation>
    </message>
    <message>
        <source>clip threshold t (clip at ±t)</source>
        <translation>截断阈值 t（在 ±t 处截断）</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>One outlier, growing</source>
        <translation>一个不断增大的离群值</translation>
    </message>
    <message>
        <source>outlier at mean + m·σ, m</source>
        <translation>离群值位于均值 + m·σ，m</translation>
    </message>
    <message>
        <source>SQNR of the other values (dB)</source>
        <translation>其余值的 SQNR (dB)</translation>
    </message>
    <message>
        <source>on the zero code (%)</source>
        <translation>落在零码上 (%)</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放因子 Scale</translation>
    </message>
    <message>
        <source>SQNR</source>
        <translation>SQNR</translation>
    </message>
    <message>
        <source>rounding</source>
        <translation>舍入</translation>
    </message>
    <message>
        <source>clipping</source>
        <translation>截断</translation>
    </message>
    <message>
        <source>total MSE</source>
        <translation>总 MSE</translation>
    </message>
    <message>
        <source>%1 (chosen)</source>
        <translation>%1（当前所选）</translation>
    </message>
    <message>
        <source>SQNR of the rest</source>
        <translation>其余值的 SQNR</translation>
    </message>
    <message>
        <source>on the zero code</source>
        <translation>落在零码上</translation>
    </message>
    <message>
        <source>min–max</source>
        <translation>最小–最大值</translation>
    </message>
    <message>
        <source>percentile</source>
        <translation>百分位</translation>
    </message>
    <message>
        <source>least MSE</source>
        <translation>最小 MSE</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>ACIQ Gauss</source>
        <translation>ACIQ 高斯</translation>
    </message>
    <message>
        <source>ACIQ Laplace</source>
        <translation>ACIQ 拉普拉斯</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>MSE %1</source>
        <translation>MSE %1</translation>
    </message>
    <message>
        <source>6.02 dB/bit line</source>
        <translation>每位 6.02 dB 参考线</translation>
    </message>
    <message>
        <source>manual (dragged)</source>
        <translation>手动（拖动）</translation>
    </message>
</context>
<context>
    <name>qs::ui::SweepsPanel</name>
    <message>
        <source>Sweeping bit width, clip threshold and outlier size…</source>
        <translation>正在扫描位宽、截断阈值和离群值大小…</translation>
    </message>
    <message>
        <source>Sweeps of %1 under the current scheme; each point is a full analysis.</source>
        <translation>%1 在当前方案下的扫描；每个点都是一次完整的分析。</translation>
    </message>
    <message>
        <source>Sweeps cancelled. They run again when the scheme or tensor changes.</source>
        <translation>扫描已取消。方案或张量改变时会重新运行。</translation>
    </message>
</context>
<context>
    <name>qs::ui::TensorInfoPanel</name>
    <message>
        <source>Tensor info</source>
        <translation>张量信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>数值个数</translation>
    </message>
    <message>
        <source>NaN / Inf</source>
        <translation>NaN / Inf</translation>
    </message>
    <message>
        <source>Min … max</source>
        <translation>最小值 … 最大值</translation>
    </message>
    <message>
        <source>Mean ± std</source>
        <translation>均值 ± 标准差</translation>
    </message>
    <message>
        <source>%1 (%2 finite)</source>
        <translation>%1（%2 个有限值）</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>%1 (ggml blocks, decoded)</source>
        <translation>%1（ggml 块，已解码）</translation>
    </message>
</context>
<context>
    <name>qs::ui::TensorPicker</name>
    <message>
        <source>Choose a tensor</source>
        <translation>选择张量</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>数值个数</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>already quantized (stored as integer codes)</source>
        <translation>已量化（以整数码存储）</translation>
    </message>
    <message>
        <source>integer data</source>
        <translation>整数数据</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>%1 holds %2 tensors. Choose one to analyse.</source>
        <translation>%1 含有 %2 个张量。请选择一个进行分析。</translation>
    </message>
    <message>
        <source>Metadata — %1</source>
        <translation>元数据 — %1</translation>
    </message>
    <message>
        <source>Every tensor…</source>
        <translation>全部张量…</translation>
    </message>
    <message>
        <source>Measure every tensor of the file under the current scheme (the Model view)</source>
        <translation>在当前方案下测量文件中的每个张量（模型视图）</translation>
    </message>
</context>
<context>
    <name>qs::ui::TransferPlot</name>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>R′ = dequantize(quantize(R))</source>
        <translation>R′ = 反量化(量化(R))</translation>
    </message>
    <message>
        <source>R′ = R</source>
        <translation>R′ = R</translation>
    </message>
    <message>
        <source>R′ of %1 (of %2)</source>
        <translation>%1 的 R′（共 %2）</translation>
    </message>
    <message>
        <source>R′ (the staircase)</source>
        <translation>R′（阶梯）</translation>
    </message>
    <message>
        <source>clip plateaus (截断)</source>
        <translation>截断平台</translation>
    </message>
</context>
<context>
    <name>qs::ui::TypeMapModel</name>
    <message>
        <source>%1: %2, %3 bits per value</source>
        <translation>%1：%2，每个值 %3 位</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>qs::ui::WalkthroughModel</name>
    <message>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <source>Round(R/Scale + Z) is below Qmin: clipped (截断) up to Qmin</source>
        <translation>Round(R/Scale + Z) 小于 Qmin：向上截断到 Qmin</translation>
    </message>
    <message>
        <source>Round(R/Scale + Z) is above Qmax: clipped (截断) down to Qmax</source>
        <translation>Round(R/Scale + Z) 大于 Qmax：向下截断到 Qmax</translation>
    </message>
    <message>
        <source>on the grid of %1</source>
        <translation>位于 %1 的网格上</translation>
    </message>
    <message>
        <source>R divided by Scale, plus the zero point Z (0 without one), in float32</source>
        <translation>R 除以缩放因子，再加上零点 Z（没有零点时为 0），用 float32 计算</translation>
    </message>
    <message>
        <source>The tutorial&apos;s quant_result: rounded, not yet clipped</source>
        <translation>教程中的 quant_result：已舍入，尚未截断</translation>
    </message>
    <message>
        <source>The tutorial&apos;s saturete_result: the integer code, clipped to [Qmin, Qmax]</source>
        <translation>教程中的 saturete_result：截断到 [Qmin, Qmax] 的整数码</translation>
    </message>
    <message>
        <source>The tutorial&apos;s dequant_result: (Q − Z)·Scale</source>
        <translation>教程中的 dequant_result：(Q − Z)·Scale</translation>
    </message>
    <message>
        <source>The tutorial&apos;s diff: R′ − R</source>
        <translation>教程中的 diff：R′ − R</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>R/Scale + Z</source>
        <translation>R/Scale + Z</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Q = Clip</source>
        <translation>Q = Clip</translation>
    </message>
    <message>
        <source>R′</source>
        <translation>R′</translation>
    </message>
    <message>
        <source>R′ − R</source>
        <translation>R′ − R</translation>
    </message>
    <message>
        <source>beyond the grid&apos;s largest value: saturated to it</source>
        <translation>超出网格的最大值：饱和到该最大值</translation>
    </message>
    <message>
        <source>sign %1, exponent %2, mantissa %3</source>
        <translation>符号 %1，指数 %2，尾数 %3</translation>
    </message>
    <message>
        <source>v = R/s</source>
        <translation>v = R/s</translation>
    </message>
    <message>
        <source>v = R/(s·S_dec)</source>
        <translation>v = R/(s·S_dec)</translation>
    </message>
    <message>
        <source>xn = R/absmax</source>
        <translation>xn = R/absmax</translation>
    </message>
    <message>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>vmax</source>
        <translation>vmax</translation>
    </message>
    <message>
        <source>absmax</source>
        <translation>absmax</translation>
    </message>
    <message>
        <source>amax</source>
        <translation>amax</translation>
    </message>
    <message>
        <source>⌊log2 amax⌋</source>
        <translation>⌊log2 amax⌋</translation>
    </message>
    <message>
        <source>c − 127</source>
        <translation>c − 127</translation>
    </message>
    <message>
        <source>s (E4M3)</source>
        <translation>s (E4M3)</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>V/X</source>
        <translation>V/X</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>code</source>
        <translation>码</translation>
    </message>
    <message>
        <source>table[code]</source>
        <translation>table[code]</translation>
    </message>
    <message>
        <source>element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>R divided by the scale s = amax / max_element, in float32</source>
        <translation>R 除以缩放因子 s = amax / max_element，用 float32 计算</translation>
    </message>
    <message>
        <source>R times 1/(s·S_dec): the block&apos;s E4M3 scale and the tensor&apos;s decode scale</source>
        <translation>R 乘以 1/(s·S_dec)：块的 E4M3 缩放因子与张量的解码缩放因子</translation>
    </message>
    <message>
        <source>R times 1/absmax: the block&apos;s values normalised to [−1, 1]</source>
        <translation>R 乘以 1/absmax：块中的值归一化到 [−1, 1]</translation>
    </message>
    <message>
        <source>The value the code stands for: element times the scales</source>
        <translation>码所代表的值：元素乘以各缩放因子</translation>
    </message>
    <message>
        <source>The largest |R| of the block: it sets the block&apos;s scale</source>
        <translation>块中最大的 |R|：它决定块的缩放因子</translation>
    </message>
    <message>
        <source>floor(log2 amax), read exactly from amax&apos;s exponent bits</source>
        <translation>floor(log2 amax)，直接从 amax 的指数位精确读出</translation>
    </message>
    <message>
        <source>The block&apos;s shared exponent: floor(log2 amax) − emax of the element type, stored as the E8M0 code c</source>
        <translation>块的共享指数：floor(log2 amax) − 元素类型的 emax，以 E8M0 码 c 存储</translation>
    </message>
    <message>
        <source>The block scale s as stored: an E4M3 code</source>
        <translation>存储的块缩放因子 s：一个 E4M3 码</translation>
    </message>
    <message>
        <source>The block&apos;s scale X = 2^(c − 127)</source>
        <translation>块的缩放因子 X = 2^(c − 127)</translation>
    </message>
    <message>
        <source>The scale of the block or group, in float32</source>
        <translation>块或分组的缩放因子，float32</translation>
    </message>
    <message>
        <source>R / X: the value the element encodes (MXINT8 rounds V/X · 64)</source>
        <translation>R / X：元素所编码的值（MXINT8 对 V/X · 64 舍入）</translation>
    </message>
    <message>
        <source>The code&apos;s sign bit</source>
        <translation>码的符号位</translation>
    </message>
    <message>
        <source>The code&apos;s exponent field E</source>
        <translation>码的指数字段 E</translation>
    </message>
    <message>
        <source>The code&apos;s mantissa field M</source>
        <translation>码的尾数字段 M</translation>
    </message>
    <message>
        <source>The stored code</source>
        <translation>存储的码</translation>
    </message>
    <message>
        <source>The codebook&apos;s level for the code (before absmax)</source>
        <translation>码本中该码对应的量化级（乘以 absmax 之前）</translation>
    </message>
    <message>
        <source>The element&apos;s value: decode(code), before any scale</source>
        <translation>元素的值：decode(code)，乘以任何缩放因子之前</translation>
    </message>
    <message>
        <source>(R − min)/s</source>
        <translation>(R − min)/s</translation>
    </message>
    <message>
        <source>R less the sub-block&apos;s stored minimum (0 for the types without one), divided by its scale s: where R falls on the grid; the code is the one ggml&apos;s quantizer stored</source>
        <translation>R 减去子块存储的最小值（没有最小值的类型为 0），再除以其缩放因子 s：R 落在网格上的位置；代码是 ggml 量化器存储的那个</translation>
    </message>
    <message>
        <source>Round(R/Scale) is below Qmin: clipped (截断) up to Qmin</source>
        <translation>Round(R/Scale) 低于 Qmin：截断为 Qmin</translation>
    </message>
    <message>
        <source>Round(R/Scale) is above Qmax: clipped (截断) down to Qmax</source>
        <translation>Round(R/Scale) 高于 Qmax：截断为 Qmax</translation>
    </message>
    <message>
        <source>R/Scale</source>
        <translation>R/Scale</translation>
    </message>
</context>
<context>
    <name>qs::ui::WalkthroughPanel</name>
    <message>
        <source>&lt;i&gt;%1 of %2, each with its own range:&lt;/i&gt;&lt;br&gt;</source>
        <translation>&lt;i&gt;%1（共 %2，各有自己的范围）：&lt;/i&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>Scale = (Rmax − Rmin) / (Qmax − Qmin) = (%1 − %2) / (%3 − %4) = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>Scale = (Rmax − Rmin) / (Qmax − Qmin) = (%1 − %2) / (%3 − %4) = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Scale = max|R| / (Qmax − Z) = %1 / (%2 − %3) = &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>Scale = max|R| / (Qmax − Z) = %1 / (%2 − %3) = &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Z = %1 − Round(%2 / Scale) = %1 − Round(%3) = &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;br&gt;Z = %1 − Round(%2 / Scale) = %1 − Round(%3) = &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Q = %1(Round(R / Scale%2), %3, %4),  R′ = %5Scale</source>
        <translation>&lt;br&gt;Q = %1(Round(R / Scale%2), %3, %4),  R′ = %5Scale</translation>
    </message>
    <message>
        <source>e.g. 1.2962357</source>
        <translation>例如 1.2962357</translation>
    </message>
    <message>
        <source>Try a value R =</source>
        <translation>试一个值 R =</translation>
    </message>
</context>
<context>
    <name>qs::ui::WelcomeBar</name>
    <message>
        <source>&lt;b&gt;Welcome to QuantScope.&lt;/b&gt; The demo is 200,000 normal values with three outliers at +12σ, quantized to int8 by the tutorial&apos;s general process: the outliers stretch the range, so they clip at the top (red) while the codes below the data go unused (hatched). Open your own tensor or model with File → Open, or let the lessons walk through the tutorial.</source>
        <translation>&lt;b&gt;欢迎使用 QuantScope。&lt;/b&gt;演示数据是 200,000 个正态分布的值，外加三个 +12σ 的离群值，按教程中的一般过程量化为 int8：离群值撑大了范围，于是它们在顶端被截断（红色），而数据下方的码没有被用到（斜线）。用 文件 → 打开 载入你自己的张量或模型，或者跟着课程走一遍教程。</translation>
    </message>
    <message>
        <source>Start lesson 1</source>
        <translation>开始第 1 课</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Lessons stay in the Help menu</source>
        <translation>课程一直在“帮助”菜单里</translation>
    </message>
</context>
<context>
    <name>qs::ui::WorstTensorsPlot</name>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>flagged as outlier tensor</source>
        <translation>被标为离群张量</translation>
    </message>
    <message>
        <source>not flagged</source>
        <translation>未标记</translation>
    </message>
    <message>
        <source>Lowest SQNR under the current scheme</source>
        <translation>当前方案下 SQNR 最低的张量</translation>
    </message>
    <message>
        <source>(orange: flagged by an outlier rule)</source>
        <translation>（橙色：被离群规则标记）</translation>
    </message>
</context>
</TS>
