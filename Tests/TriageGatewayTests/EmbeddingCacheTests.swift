import Testing
@testable import TriageGateway

@Suite("The gateway's embedding cache")
struct EmbeddingCacheTests {
    @Test func knownTextsComeBackAndTheOldestAreEvicted() {
        let cache = EmbeddingCache(capacity: 3)
        cache.store([("a", [1]), ("b", [2])], model: "m")
        #expect(cache.lookup(["a", "b", "c"]).vectors == [[1], [2], nil])
        cache.store([("c", [3]), ("d", [4])], model: "m")
        #expect(cache.count == 3)
        #expect(cache.lookup(["a", "b", "c", "d"]).vectors == [nil, [2], [3], [4]], "the oldest went first")
        for index in 0..<20 { cache.store([("t\(index)", [Float(index)])], model: "m") }
        #expect(cache.count == 3)
        #expect(cache.lookup(["t19"]).vectors == [[19]])
    }

    @Test func anotherModelEmptiesTheCache() {
        let cache = EmbeddingCache()
        cache.store([("a", [1])], model: "minilm:transformer")
        cache.store([("b", [2])], model: "minilm:static")
        let seen = cache.lookup(["a", "b"])
        #expect(seen.model == "minilm:static")
        #expect(seen.vectors == [nil, [2]], "a vector of the other model is never mixed in")
    }
}
