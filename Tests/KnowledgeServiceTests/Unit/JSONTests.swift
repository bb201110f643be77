import Testing
@testable import KnowledgeService

@Suite("JSON reading and writing")
struct JSONTests {
    @Test func parsesWhatQdrantSends() throws {
        let text = #"{"result":{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","version":7,"score":0.83,"payload":{"t":"a\"b\\c\u00e9\ud83d\ude00","n":null,"ok":true}}]},"status":"ok","time":1.5e-4,"usage":{}}"#
        let value = try JSONParser.parse(text)
        let point = try #require(value["result"]?["points"]?.array?.first)
        #expect(point["id"]?.string == "5c56c793-69f3-4fbf-87e6-c4bf54c28c26")
        #expect(point["version"]?.int == 7 && point["score"]?.double == 0.83)
        #expect(point["payload"]?["t"]?.string == "a\"b\\cé😀")
        #expect(point["payload"]?["n"]?.isNull == true && point["payload"]?["ok"]?.bool == true)
        #expect(value["time"]?.double == 0.00015 && value["missing"] == nil)
    }

    @Test func writesAndReadsBack() throws {
        let value: JSON = ["s": "line\nbreak \"quoted\" \u{01} é", "i": 42, "d": .number(0.25), "b": false, "a": [1, "x"],
                           "o": ["nested": .floats([0.5, -1.25e-5])], "e": [:]]
        let text = value.text
        #expect(text.hasPrefix(#"{"s":"line\nbreak \"quoted\" \u0001 é","i":42,"d":0.25,"b":false,"a":[1,"x"],"o":{"nested":[0.5,"#))
        #expect(try JSONParser.parse(text) == value)
    }

    @Test func rejectsMalformedInput() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "\"unterminated", "tru", "01x", "{} {}", "\"\\q\"", "-", "\"a\u{01}\""] {
            #expect(throws: JSONParser.Failure.self, "\(bad.debugDescription)") { try JSONParser.parse(bad) }
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() {
        #expect(JSON.array([.number(.nan), .floats([.infinity, 1])]).text == "[null,[null,1.0]]")
    }
}
