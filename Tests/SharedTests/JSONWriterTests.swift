import Testing
import TriageJSON

/// The writer's exact bytes. knowledge-service's Qdrant request bodies and the gateway's HTTP
/// response bodies are written by it, so these outputs are pinned: a change here changes both.
@Suite("JSON writer")
struct JSONWriterTests {
    /// A Qdrant upsert as knowledge-service writes it: a dense vector as `.floats`, a BM25 Document,
    /// a payload with a microsecond timestamp and text that needs escaping.
    static let upsert: JSON = ["points": [[
        "id": "5c56c793-69f3-4fbf-87e6-c4bf54c28c26",
        "vector": ["dense": .floats([0.1, -0.25, 1, 3.4028235e38, 1e-7, -0.0, .nan]),
                   "bm25": ["text": "Reset \"MFA\"\n\tsteps", "model": "qdrant/bm25", "options": ["language": "english"]]],
        "payload": ["article_id": "kb-001", "chunk": 0, "chunks": 3, "keywords": .strings(["mfa", "2fa"]),
                    "ingested_at": .int(Int64(1_733_350_123_456_789)), "body": "Ünïcode — 😀 \u{7F} / \\ \u{0}\u{1B}\r"],
    ]]]

    /// A Qdrant query with a filter, as written for a search.
    static let query: JSON = [
        "prefetch": [["query": .floats([0.5, -1.25e-5]), "using": "dense", "limit": 40]],
        "query": ["fusion": "rrf"],
        "filter": ["must": [["key": "language", "match": ["any": .strings(["en", "pt"])]]], "must_not": [["key": "chunk", "match": ["value": 0]]]],
        "limit": 20, "with_payload": .strings(["article_id", "title"]), "score_threshold": .number(0.3125),
    ]

    /// A gateway response: ordered members, rounded scores, integers, null, booleans, nested arrays.
    static let triage: JSON = .object([
        "ticket_id": "TKT-JZ5QF76D", "ticket_type": "technical",
        "extracted_info": .object(["entities": [.object(["kind": "http_status", "text": "503", "start": .int(Int32(59)), "end": .int(UInt32(62))])]]),
        "relevant_articles": [.object(["id": "kb-7", "relevance_score": .number((0.87654 * 1000).rounded() / 1000)])],
        "confidence": .object(["urgency": .object(["value": 0.721, "band": "medium"])]),
        "routing": .object(["queue": "escalations", "sla_first_response_minutes": 15]),
        "degraded": [], "follow_up": false, "last_triage": .null, "reasoning": "\"is down\" → outage (+3)",
    ])

    static let error: JSON = .object(["error": .object(["code": "invalid_request", "message": "body is not valid JSON (invalid literal at byte 6)", "field": "body"])])

    @Test func writesRepresentativeDocumentsExactly() {
        #expect(Self.upsert.serializedString() == #"{"points":[{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":{"dense":[0.1,-0.25,1.0,3.4028235e+38,1e-07,-0.0,null],"bm25":{"text":"Reset \"MFA\"\n\tsteps","model":"qdrant/bm25","options":{"language":"english"}}},"payload":{"article_id":"kb-001","chunk":0,"chunks":3,"keywords":["mfa","2fa"],"ingested_at":1733350123456789,"body":"Ünïcode — 😀 \#u{7F} / \\ \u0000\u001b\r"}}]}"#)
        #expect(Self.query.serializedString() == #"{"prefetch":[{"query":[0.5,-1.25e-05],"using":"dense","limit":40}],"query":{"fusion":"rrf"},"filter":{"must":[{"key":"language","match":{"any":["en","pt"]}}],"must_not":[{"key":"chunk","match":{"value":0}}]},"limit":20,"with_payload":["article_id","title"],"score_threshold":0.3125}"#)
        #expect(Self.triage.serializedString() == #"{"ticket_id":"TKT-JZ5QF76D","ticket_type":"technical","extracted_info":{"entities":[{"kind":"http_status","text":"503","start":59,"end":62}]},"relevant_articles":[{"id":"kb-7","relevance_score":0.877}],"confidence":{"urgency":{"value":0.721,"band":"medium"}},"routing":{"queue":"escalations","sla_first_response_minutes":15},"degraded":[],"follow_up":false,"last_triage":null,"reasoning":"\"is down\" → outage (+3)"}"#)
        #expect(Self.error.serializedString() == #"{"error":{"code":"invalid_request","message":"body is not valid JSON (invalid literal at byte 6)","field":"body"}}"#)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (42, "42"), (0.1, "0.1"), (0.25, "0.25"), (-12.5, "-12.5"),
        (1e-5, "1e-05"), (1.5e-4, "0.00015"), (123_456.789, "123456.789"), (1e15, "1000000000000000"),
        (1_733_350_123_456_789, "1733350123456789"), (9_007_199_254_740_991, "9007199254740991"), (9_007_199_254_740_992, "9007199254740992.0"),
        (-9_007_199_254_740_991, "-9007199254740991"), (1e16, "1e+16"), (1e21, "1e+21"), (1.5e300, "1.5e+300"), (.leastNonzeroMagnitude, "5e-324"),
        (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ] as [(Double, String)])
    func writesNumbers(number: Double, text: String) {
        #expect(JSON.number(number).serializedString() == text)
    }

    @Test func writesFloatsAsFloats() {
        #expect(JSON.floats([0.1, 1, -1.25e-5, 3.4028235e38, .infinity, -.infinity, .nan]).serializedString()
                == "[0.1,1.0,-1.25e-05,3.4028235e+38,null,null,null]")
        #expect(JSON.floats([]).serializedString() == "[]")
        #expect(JSON.array([.number(.nan), .floats([.infinity, 1])]).serializedString() == "[null,[null,1.0]]")
    }

    @Test func escapesOnlyQuotesBackslashesAndControlCharacters() {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        #expect(JSON.string(controls).serializedString()
                == #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\u000b\u000c\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#)
        #expect(JSON.string("\"\\/ \u{7F} é \u{2028} 😀").serializedString() == "\"\\\"\\\\/ \u{7F} é \u{2028} 😀\"")
        #expect(JSON.object(["k\"\n": "v"]).serializedString() == #"{"k\"\n":"v"}"#)
    }

    @Test func writesWhatParsesBack() throws {
        let mixed: JSON = ["s": "line\nbreak \"quoted\" \u{01} é", "i": 42, "d": 0.25, "b": false, "a": [1, "x"],
                           "o": ["nested": .floats([0.5, -1.25e-5])], "e": [:]]
        #expect(mixed.serializedString() == #"{"s":"line\nbreak \"quoted\" \u0001 é","i":42,"d":0.25,"b":false,"a":[1,"x"],"o":{"nested":[0.5,-1.25e-05]},"e":{}}"#)
        // `.floats` compares equal to the numbers it parses back as.
        for value in [Self.query, Self.triage, Self.error, mixed] {
            #expect(try JSONParser.parse(value.serialized()) == value)
        }
    }

    @Test func appendsToABuffer() {
        var out = Array("x".utf8)
        JSON.array([.null, true, "a"]).write(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x[null,true,"a"]"#)
    }
}
