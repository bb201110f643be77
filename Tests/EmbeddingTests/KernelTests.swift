import Foundation
import XCTest
@testable import Embedding

/// The vectorisable erf and exp must stay at float32 precision: GELU's "exact erf form" depends on it.
final class KernelTests: XCTestCase {
    func testErfIsAccurateToFloat32Precision() {
        var worst = 0.0
        for step in -50_000...50_000 {
            let x = Double(step) / 10_000  // [-5, 5]
            worst = max(worst, abs(Double(VectorMath.erf(Float(x))) - Foundation.erf(Double(Float(x)))))
        }
        XCTAssertLessThan(worst, 5e-7)
        XCTAssertEqual(VectorMath.erf(0), 0)
        XCTAssertEqual(VectorMath.erf(30), 1, accuracy: 1e-6)
        XCTAssertEqual(VectorMath.erf(-30), -1, accuracy: 1e-6)
    }

    func testExpOfNonPositiveValues() {
        var worst = 0.0
        for step in 0...87_000 {
            let x = Float(-Double(step) / 1000)  // [-87, 0]
            let expected = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(VectorMath.expNonPositive(x)) - expected) / expected)
        }
        XCTAssertLessThan(worst, 3e-7)
        XCTAssertEqual(VectorMath.expNonPositive(0), 1)
        XCTAssertEqual(VectorMath.expNonPositive(-1000), 0, accuracy: 1e-37)
    }

    func testSoftmaxRowsSumToOneAndMatchDefinition() {
        let width = 37
        var values = (0..<(2 * width)).map { Float(sin(Double($0))) * 5 }
        let original = values
        values.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: 2, width: width) }
        for row in 0..<2 {
            let slice = original[(row * width)..<((row + 1) * width)]
            let denominator = slice.map { Foundation.exp(Double($0)) }.reduce(0, +)
            for (index, value) in slice.enumerated() {
                XCTAssertEqual(Double(values[row * width + index]), Foundation.exp(Double(value)) / denominator, accuracy: 1e-6)
            }
        }
    }

    func testSumMatchesPlainSumForAnyLength() {
        for count in [0, 1, 15, 16, 17, 384, 1000] {
            let values = (0..<count).map { Float($0 % 7) - 3 }
            let sum = values.withUnsafeBufferPointer { VectorMath.sum($0.baseAddress!, count: count) }
            XCTAssertEqual(sum, values.reduce(0, +), "count \(count)")
        }
    }
}
