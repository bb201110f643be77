import COpenBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element-wise parts of the encoder; all matrix products go through OpenBLAS.
///
/// Row-major matrices of floats, passed as raw pointers because they live in the worker's
/// `Workspace` or in the memory-mapped weights.
enum Kernels {
    /// `y[rows × n] = x[rows × k] · wᵀ + b` for a PyTorch-layout weight `w[n × k]`.
    static func linear(_ x: UnsafePointer<Float>, rows: Int, _ layer: BertWeights.Linear, into y: UnsafeMutablePointer<Float>) {
        let n = layer.outputs, k = layer.inputs
        // Start from the bias in every row and let sgemm accumulate onto it (beta = 1).
        let bias = layer.bias.baseAddress!
        for row in 0..<rows { (y + row * n).update(from: bias, count: n) }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(n), Int32(k),
            1, x, Int32(k), layer.weight.baseAddress!, Int32(k), 1, y, Int32(n)
        )
    }

    /// `x = LayerNorm(x + residual)` row by row (residual may be nil), eps 1e-12 as the model was trained.
    static func layerNorm(
        _ x: UnsafeMutablePointer<Float>, adding residual: UnsafePointer<Float>?, rows: Int, width: Int,
        _ norm: BertWeights.LayerNorm, scratch: UnsafeMutablePointer<Float>
    ) {
        let gamma = norm.gamma.baseAddress!, beta = norm.beta.baseAddress!
        for row in 0..<rows {
            let v = x + row * width
            if let residual {
                let r = residual + row * width
                for i in 0..<width { v[i] += r[i] }
            }
            let mean = VectorMath.sum(v, count: width) / Float(width)
            for i in 0..<width {
                let d = v[i] - mean
                scratch[i] = d * d
            }
            let scale = 1 / (VectorMath.sum(scratch, count: width) / Float(width) + 1e-12).squareRoot()
            for i in 0..<width { v[i] = (v[i] - mean) * scale * gamma[i] + beta[i] }
        }
    }

    /// GELU in its exact form, `x/2 · (1 + erf(x/√2))` (not the tanh approximation).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + VectorMath.erf(v * 0.707_106_781_186_547_5))
        }
    }

    /// Softmax of each row of a `rows × width` matrix, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let v = x + row * width
            var largest = -Float.infinity
            for i in 0..<width { largest = max(largest, v[i]) }
            for i in 0..<width { v[i] = VectorMath.expNonPositive(v[i] - largest) }
            let inverse = 1 / VectorMath.sum(v, count: width)
            for i in 0..<width { v[i] *= inverse }
        }
    }

    /// Divides `x` by its Euclidean norm (leaves an all-zero vector as it is).
    static func normalize(_ x: inout [Float]) {
        var squares: Float = 0
        for v in x { squares += v * v }
        guard squares > 0 else { return }
        let inverse = 1 / squares.squareRoot()
        for i in x.indices { x[i] *= inverse }
    }
}
