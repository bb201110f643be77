import XCTest
final class PlaceholderEmbeddingTests: XCTestCase { func testPlaceholder() {} }
