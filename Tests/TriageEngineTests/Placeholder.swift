import XCTest
final class PlaceholderTriageEngineTests: XCTestCase { func testPlaceholder() {} }
