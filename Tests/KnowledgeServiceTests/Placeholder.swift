import XCTest
final class PlaceholderKnowledgeServiceTests: XCTestCase { func testPlaceholder() {} }
