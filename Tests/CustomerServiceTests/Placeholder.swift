import XCTest
final class PlaceholderCustomerServiceTests: XCTestCase { func testPlaceholder() {} }
