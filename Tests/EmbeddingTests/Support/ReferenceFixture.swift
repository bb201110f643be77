import Foundation

/// `Reference/reference.json`, written by `Reference/reference.py fixtures` (numpy + tokenizers).
struct ReferenceFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let text: String
        let ids: [Int32]
        let vector: [Float]
    }

    struct TokenizerCase: Decodable {
        let text: String
        let ids: [Int32]
    }

    let maxTokens: Int
    let cases: [Case]
    let tokenizerCases: [TokenizerCase]

    enum CodingKeys: String, CodingKey {
        case maxTokens = "max_tokens", cases, tokenizerCases = "tokenizer_cases"
    }

    static func load() throws -> ReferenceFixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestModel.referenceDirectory + "/reference.json"))
        return try JSONDecoder().decode(ReferenceFixture.self, from: data)
    }
}

/// `Reference/paraphrases.json`: groups of support sentences that mean the same thing.
struct ParaphraseFixture: Decodable {
    let groups: [[String]]

    static func load() throws -> ParaphraseFixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestModel.referenceDirectory + "/paraphrases.json"))
        return try JSONDecoder().decode(ParaphraseFixture.self, from: data)
    }
}
