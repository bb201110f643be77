import XCTest
final class PlaceholderTriageGatewayTests: XCTestCase { func testPlaceholder() {} }
