import Synchronization

/// Vectors of texts the gateway has had embedded, so that matching a new message against a
/// customer's active tickets embeds only what is new. Without it every request re-embedded up to
/// `TRIAGE_FOLLOW_UP_CANDIDATES` conversations, which in the transformer mode is ~20 ms of CPU
/// each. A vector is a pure function of the text and the model, so the cache cannot be wrong; it
/// only has to forget vectors of another model (knowledge-service restarted in another mode).
final class EmbeddingCache: Sendable {
    private struct State {
        var model = ""
        var vectors: [String: [Float]] = [:]
        /// Insertion order, for evicting the oldest.
        var order: [String] = []
        var start = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached vectors of `texts` (nil where unknown) and the model they came from.
    func lookup(_ texts: [String]) -> (model: String, vectors: [[Float]?]) {
        state.withLock { state in (state.model, texts.map { state.vectors[$0] }) }
    }

    /// Remembers vectors made by `model`; a different model than before empties the cache first.
    func store(_ pairs: [(text: String, vector: [Float])], model: String) {
        state.withLock { state in
            if state.model != model {
                state = State()
                state.model = model
            }
            for (text, vector) in pairs where state.vectors[text] == nil {
                state.vectors[text] = vector
                state.order.append(text)
            }
            while state.vectors.count > capacity, state.start < state.order.count {
                state.vectors[state.order[state.start]] = nil
                state.start += 1
            }
            // Compact the order list once half of it is evicted keys.
            if state.start > capacity {
                state.order.removeFirst(state.start)
                state.start = 0
            }
        }
    }

    var count: Int { state.withLock { $0.vectors.count } }
}
