/// erf, exp and sums written so that the compiler turns the loops that call them into SIMD code,
/// instead of one libm call per element (glibc's `erff` alone was ~13 % of a forward pass).
///
/// Only plain arithmetic, `min`/`max` and bit operations: a conversion that can trap (`Int32(x)`) or a
/// rounding call keeps LLVM from vectorising the loop.
enum VectorMath {
    /// erf(x) ≈ x·N(x²)/D(x²) on [−4, 4], clamped outside (erf(4) = 1 − 1.5e−8).
    ///
    /// The coefficients were fitted for this project by weighted least squares in float64
    /// (Tests/EmbeddingTests/Reference/erf_fit.py); evaluated in float32 the largest absolute error
    /// against erf is 3.8e−7 over [−5, 5], about 3 float32 ulps near ±1 (`KernelTests` checks it).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let c = min(max(x, -4), 4)
        let t = c * c
        var n: Float = 2.027_286_573e-06
        n = n * t + 2.861_879_974e-04
        n = n * t + 3.844_706_279e-03
        n = n * t + 5.298_176_302e-02
        n = n * t + 1.923_081_935e-01
        n = n * t + 1.128_379_046
        var d: Float = 3.792_855_607e-05
        d = d * t + 1.181_057_415e-03
        d = d * t + 1.512_442_889e-02
        d = d * t + 1.148_795_358e-01
        d = d * t + 5.037_605_984e-01
        d = d * t + 1
        return c * n / d
    }

    /// e^x for x ≤ 0 (softmax after subtracting the row maximum), relative error < 2e−7.
    ///
    /// x = k·ln 2 + r with |r| ≤ ln 2 / 2; e^r by its Taylor series to r⁷; 2^k written into the
    /// exponent bits. k is rounded by adding 1.5·2²³ (which leaves k in the low mantissa bits).
    @inline(__always)
    static func expNonPositive(_ x: Float) -> Float {
        let c = min(max(x, -87), 0)
        let shifted = c * 1.442_695_04 + 12_582_912
        let k = shifted - 12_582_912
        // ln 2 in two parts (Cody–Waite) so that k·ln 2 is subtracted without losing r's low bits.
        let r = (c - k * 0.693_145_751_953_125) - k * 1.428_606_8e-06
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        return p * Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
    }

    /// The sum of `count` floats, 16 lanes at a time (a plain loop would add them one by one).
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        let raw = UnsafeRawPointer(x)
        var lanes = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            i += 16
        }
        var total = lanes.sum()
        while i < count {
            total += x[i]
            i += 1
        }
        return total
    }
}
