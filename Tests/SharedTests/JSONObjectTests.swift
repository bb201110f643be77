import Testing
import TriageJSON

@Suite("JSON object")
struct JSONObjectTests {
    @Test func keepsTheOrderMembersWereFirstSetIn() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"] && object["b"] == 4 && object.count == 3)
        object["a"] = nil
        #expect(object.keys == ["b", "c"] && object["a"] == nil)
        object["a"] = 5
        #expect(object.entries.map(\.key) == ["b", "c", "a"])
    }

    @Test func aLiteralWithARepeatedKeyKeepsTheLastValue() {
        let object: JSONObject = ["a": 1, "b": 2, "a": 3]
        #expect(object.keys == ["a", "b"] && object["a"] == 3)
        #expect(JSON.object(object) == ["a": 3, "b": 2])
    }

    @Test func equalityIncludesOrder() {
        #expect(JSONObject(dictionaryLiteral: ("a", 1), ("b", 2)) != JSONObject(dictionaryLiteral: ("b", 2), ("a", 1)))
        #expect(JSONObject() == [:] && JSONObject().isEmpty)
    }

    /// Large objects switch to a hash index; the behaviour must not change when they do.
    @Test func largeObjectsBehaveLikeSmallOnes() throws {
        var object = JSONObject()
        for key in 0..<1000 { object["k\(key)"] = .int(key) }
        for key in stride(from: 0, to: 1000, by: 7) { object["k\(key)"] = .int(-key) }
        for key in stride(from: 0, to: 1000, by: 3) { object["k\(key)"] = nil }
        let expected = (0..<1000).filter { $0 % 3 != 0 }.map { "k\($0)" }
        #expect(object.keys == expected && object.count == expected.count)
        #expect(object["k7"] == .int(-7) && object["k8"] == 8 && object["k9"] == nil && object["k1000"] == nil)
        object["k3"] = "back"
        #expect(object.keys.last == "k3" && object["k3"] == "back")

        let parsed = try JSONParser.parse("{" + (0..<100).map { #""k\#($0 % 40)":\#($0)"# }.joined(separator: ",") + "}")
        #expect(parsed.objectValue?.keys == (0..<40).map { "k\($0)" } && parsed["k39"] == 79 && parsed["k0"] == 80)
    }
}
