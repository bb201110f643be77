import Foundation

/// A linear classifier over hashed text features (`Resources/learned/*.model`, trained by
/// `Tools/train_learned_model.py`): multinomial logistic regression, weights per hashed bucket.
struct LearnedModel: Sendable {
    /// How the model's input is assembled from a ticket (the same numbers as the training script's).
    struct Limits: Sendable, Decodable, Equatable {
        var latest: Int
        var subject: Int
        var earlier: Int
        var total: Int
    }

    struct PartWeights: Sendable, Decodable, Equatable {
        var subject: Double
        var earlier: Double
    }

    /// The file, for messages.
    let file: String
    /// The labels' raw values (issue types or sentiments, validated against the field when loaded).
    let labels: [String]
    let hashBits: Int
    let characterGrams: ClosedRange<Int>
    let limits: Limits
    let partWeights: PartWeights
    /// How much the rules' confidence counts against the model's probability when the two are fused.
    let rulesWeight: Double
    /// The rules' reading stands when its confidence is at least this…
    let rulesConfidenceBelow: Double
    /// …and from this confidence up (the guarded band) also when the policy ranks the rules' reading
    /// above the model's (`IssueClassifier.guardedReading`).
    let guardedAbove: Double
    /// …or when the model is less sure than this of its own choice.
    let minimumProbability: Double
    /// Where the rules' confidence is at least `rulesConfidenceBelow`, the model may still overrule them
    /// when it is at least this sure (nil: never), the guarded readings apart.
    let confidentOverruleFrom: Double?
    /// What the model is, for the reasoning (e.g. "issue-type.model, logistic regression on character n-grams").
    let name: String
    /// Bucket → row, -1 where the model has no weights (dense: a lookup is one array access).
    let rowOfBucket: [Int32]
    /// One row of `rowStride` weights per bucket the model knows, one per label and zeros after: a
    /// fixed-length inner loop the compiler vectorises.
    let weights: [Float]
    let bias: [Float]

    /// Weights per row: at least the number of labels (28 issue types, 8 sentiments).
    static let rowStride = 32

    /// One text to read and how much it counts.
    struct Part {
        var text: NormalizedText
        var limit: Int
        var weight: Double
    }

    /// Features of the parts, scored. Also keeps what each feature contributed, for the explanation.
    struct Reading {
        var probabilities: [Double]
        var labels: [String]
        /// Per feature the model knows: its row, its value in the input vector, and where it was first found.
        fileprivate var rows: [Int32]
        fileprivate var values: [Double]
        fileprivate var found: [(part: Int32, index: Int32)]
        fileprivate var features: [LearnedFeatures]

        func probability(of label: String) -> Double {
            labels.firstIndex(of: label).map { probabilities[$0] } ?? 0
        }

        var best: (label: String, probability: Double) {
            var index = 0
            for i in probabilities.indices where probabilities[i] > probabilities[index] { index = i }
            return (labels[index], probabilities[index])
        }
    }

    /// Reads the parts. `parts` must not be empty.
    func read(_ parts: [Part]) -> Reading {
        let features = parts.map { LearnedFeatures($0.text, limit: $0.limit, characterGrams: characterGrams) }
        let mask = UInt32((1 << hashBits) - 1)
        var accumulator = BucketAccumulator(capacity: features.reduce(0) { $0 + $1.hashes.count })
        for (part, item) in features.enumerated() {
            for (index, hash) in item.hashes.enumerated() {
                accumulator.add(bucket: hash & mask, part: Int32(part), weight: parts[part].weight, index: Int32(index))
            }
        }
        var squares = 0.0
        var rows = [Int32](), values = [Double](), found = [(part: Int32, index: Int32)]()
        for (entry, bucket) in accumulator.buckets.enumerated() {
            let value = accumulator.values[entry]
            squares += value * value
            let row = rowOfBucket[Int(bucket)]
            if row >= 0 {
                rows.append(row)
                values.append(value)
                found.append(accumulator.first[entry])
            }
        }
        let norm = squares > 0 ? squares.squareRoot() : 1
        var sums = bias
        for i in values.indices { values[i] /= norm }
        weights.withUnsafeBufferPointer { weights in
            sums.withUnsafeMutableBufferPointer { sums in
                for (i, row) in rows.enumerated() {
                    let value = Float(values[i])
                    let base = Int(row) * Self.rowStride
                    for k in 0..<Self.rowStride { sums[k] += value * weights[base + k] }
                }
            }
        }
        let logits = labels.indices.map { Double(sums[$0]) }
        let peak = logits.max() ?? 0
        let exps = logits.map { Foundation.exp($0 - peak) }
        let sum = exps.reduce(0, +)
        return Reading(probabilities: exps.map { $0 / sum }, labels: labels, rows: rows, values: values, found: found,
                       features: features)
    }

    /// The reasoning line for a reading that overrules the rules' `other`: the label, its probability
    /// and the features that pushed the model towards it.
    func explanation(_ reading: Reading, toward label: String, probability: Double, over other: String) -> String {
        let strongest = strongestFeatures(reading, toward: label, over: other)
            .map { "\"\($0.name)\" (+\(IssueClassifier.short($0.weight)))" }.joined(separator: ", ")
        return "learned model (\(name)): \(label) p \(IssueClassifier.short(probability))"
            + (strongest.isEmpty ? "" : "; strongest against \(other): \(strongest)")
    }

    /// The features that pushed the model most towards `label` rather than `other` (its runner-up or
    /// the rules' choice), by name, with their share of the logit difference, strongest first.
    func strongestFeatures(_ reading: Reading, toward label: String, over other: String, count: Int = 3) -> [(name: String, weight: Double)] {
        guard let a = labels.firstIndex(of: label), let b = labels.firstIndex(of: other) else { return [] }
        let contributions = reading.rows.indices.map { i in
            (i, reading.values[i] * Double(weights[Int(reading.rows[i]) * Self.rowStride + a] - weights[Int(reading.rows[i]) * Self.rowStride + b]))
        }
        // Naming every feature would cost more than scoring them: only the strongest few are named,
        // then summed per name (the n-grams of one word count together).
        var totals = [String: Double]()
        var order = [String]()
        for (i, contribution) in contributions.filter({ $0.1 > 0 }).sorted(by: { $0.1 > $1.1 }).prefix(4 * count) {
            let place = reading.found[i]
            let features = reading.features[Int(place.part)]
            let name = features.name(of: features.sources[Int(place.index)])
            if totals[name] == nil { order.append(name) }
            totals[name, default: 0] += contribution
        }
        return Array(order.map { (name: $0, weight: totals[$0] ?? 0) }.sorted { $0.weight > $1.weight }.prefix(count))
    }
}

/// Sums the weight of each hashed bucket over the parts, counting a bucket once per part: open
/// addressing over plain arrays, fast in debug builds too (the property test times those).
struct BucketAccumulator {
    /// The distinct buckets in the order first seen, with their summed weight and first place.
    private(set) var buckets: [UInt32] = []
    private(set) var values: [Double] = []
    private(set) var first: [(part: Int32, index: Int32)] = []
    private var lastPart: [Int32] = []
    /// Index into the arrays above + 1 per slot (0: empty). The hashes are already mixed, so their
    /// low bits place them.
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        buckets.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        first.reserveCapacity(capacity)
        lastPart.reserveCapacity(capacity)
    }

    mutating func add(bucket: UInt32, part: Int32, weight: Double, index: Int32) {
        var slot = Int(bucket) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if buckets[entry] == bucket {
                if lastPart[entry] != part {
                    values[entry] += weight
                    lastPart[entry] = part
                }
                return
            }
            slot = (slot + 1) & mask
        }
        buckets.append(bucket)
        values.append(weight)
        first.append((part, index))
        lastPart.append(part)
        slots[slot] = Int32(buckets.count)
    }
}
