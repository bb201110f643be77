import Testing

/// Every knowledge-service suite that starts processes, one test at a time: each loads the embedding
/// model and some time Qdrant failures to the second, which would disturb each other on a small machine.
@Suite("knowledge-service", .serialized)
enum KnowledgeServiceTests {}
