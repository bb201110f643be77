import Testing
@testable import KnowledgeService

@Suite("chunk vector cache")
struct ChunkVectorCacheTests {
    @Test func aVectorIsUsedOnlyWithTheStampItWasReadWith() {
        let cache = ChunkVectorCache(capacity: 10)
        cache.store([.init(id: "a", stamp: 1, vector: [1, 0]), .init(id: "b", stamp: 5, vector: [0, 1])])
        let found = cache.vectors(for: [.init(id: "a", stamp: 1), .init(id: "b", stamp: 6), .init(id: "c", stamp: 1), .init(id: "a", stamp: nil)])
        #expect(found == ["a": [1, 0]])
        // The chunk written again: the new vector replaces the old one under its new stamp.
        cache.store([.init(id: "b", stamp: 6, vector: [0.6, 0.8])])
        #expect(cache.vectors(for: [.init(id: "b", stamp: 6)]) == ["b": [0.6, 0.8]])
        #expect(cache.vectors(for: [.init(id: "b", stamp: 5)]).isEmpty)
        #expect(cache.count == 2)
    }

    @Test func pastItsCapacityTheOldestEntriesGo() {
        let cache = ChunkVectorCache(capacity: 3)
        cache.store((0..<5).map { .init(id: "p\($0)", stamp: 1, vector: [Float($0)]) })
        #expect(cache.count == 3)
        let all = (0..<5).map { ChunkVectorCache.Candidate(id: "p\($0)", stamp: 1) }
        #expect(cache.vectors(for: all).keys.sorted() == ["p2", "p3", "p4"])
        // Rewriting a cached chunk does not evict anything.
        cache.store([.init(id: "p3", stamp: 2, vector: [9])])
        #expect(cache.vectors(for: [.init(id: "p2", stamp: 1), .init(id: "p3", stamp: 2), .init(id: "p4", stamp: 1)]).count == 3)
        cache.store([.init(id: "p5", stamp: 1, vector: [5])])
        #expect(cache.vectors(for: all + [.init(id: "p5", stamp: 1), .init(id: "p3", stamp: 2)]).keys.sorted() == ["p3", "p4", "p5"])
    }

    @Test func aZeroCapacityCacheKeepsNothing() {
        let cache = ChunkVectorCache(capacity: 0)
        cache.store([.init(id: "a", stamp: 1, vector: [1])])
        #expect(cache.count == 0 && cache.vectors(for: [.init(id: "a", stamp: 1)]).isEmpty)
    }
}
