/// What the learned model reads of a ticket, as the training script assembles it (`assemble` in
/// `Tools/learned_model.py`): the latest customer message with letters counts fully, the subject and
/// earlier customer messages (newest first) count less; each is cut to its limit, and all of them
/// together to the model's total.
enum LearnedInput {
    /// At most this many parts (the latest message, the subject, earlier messages).
    static let maximumParts = 16

    static func parts(_ texts: [NormalizedText], latest: Int?, subject: NormalizedText?, model: LearnedModel) -> [LearnedModel.Part] {
        guard let latest else { return [] }
        let limits = model.limits
        var parts = [LearnedModel.Part(text: texts[latest], limit: limits.latest, weight: 1)]
        var budget = limits.total - min(limits.latest, texts[latest].original.count)
        var candidates = [(text: NormalizedText, limit: Int, weight: Double)]()
        if let subject { candidates.append((subject, limits.subject, model.partWeights.subject)) }
        for index in texts.indices.reversed() where index != latest {
            candidates.append((texts[index], limits.earlier, model.partWeights.earlier))
        }
        for candidate in candidates {
            guard parts.count < maximumParts else { break }
            let take = min(candidate.limit, max(budget, 0), candidate.text.original.count)
            guard take > 0 else { continue }
            parts.append(LearnedModel.Part(text: candidate.text, limit: take, weight: candidate.weight))
            budget -= take
        }
        return parts
    }
}
