import XCTest
final class PlaceholderSessionServiceTests: XCTestCase { func testPlaceholder() {} }
