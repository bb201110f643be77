import Synchronization

/// Chunk vectors read from the store, so that a search computes the query's cosine similarity to
/// its fused candidates itself instead of asking Qdrant for it in a second query.
///
/// A chunk's vector changes only when the chunk is written again, and every write sets a new
/// `ingested_at` in its payload. An entry is used only for a candidate that still carries the stamp
/// the vector was read with, so an edited article is never scored with its old vector, whichever
/// replica or `ingest` run wrote it. Bounded: past `capacity` entries the oldest are dropped.
final class ChunkVectorCache: Sendable {
    /// A fused candidate: its point id and the `ingested_at` its payload carries (nil: never cached).
    struct Candidate: Sendable {
        var id: String
        var stamp: Int64?
    }

    /// A vector read from the store, with the stamp of the point it was read from.
    struct Entry: Sendable {
        var id: String
        var stamp: Int64
        var vector: [Float]
    }

    private struct State {
        var entries: [String: (stamp: Int64, vector: [Float])] = [:]
        /// Ids in insertion order, as a ring: `oldest` is the next to go.
        var order: [String] = []
        var oldest = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The cached vectors of the candidates whose stamps match.
    func vectors(for candidates: [Candidate]) -> [String: [Float]] {
        state.withLock { state in
            var found: [String: [Float]] = [:]
            for candidate in candidates {
                guard let stamp = candidate.stamp, let entry = state.entries[candidate.id], entry.stamp == stamp else { continue }
                found[candidate.id] = entry.vector
            }
            return found
        }
    }

    func store(_ entries: [Entry]) {
        guard capacity > 0 else { return }
        state.withLock { state in
            for entry in entries {
                if state.entries.updateValue((entry.stamp, entry.vector), forKey: entry.id) != nil { continue }
                if state.order.count < capacity {
                    state.order.append(entry.id)
                } else {
                    state.entries[state.order[state.oldest]] = nil
                    state.order[state.oldest] = entry.id
                    state.oldest = (state.oldest + 1) % capacity
                }
            }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
