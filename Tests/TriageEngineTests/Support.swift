import Foundation
import Testing
@testable import TriageEngine

/// One engine for the whole suite: loading the data files takes a moment, and the engine is immutable.
let sharedEngine: TriageEngine = {
    do { return try TriageEngine() } catch { fatalError("engine data failed to load: \(error)") }
}()

func ticket(_ text: String, subject: String? = nil) -> TicketText {
    TicketText(messages: [ConversationMessage(role: .customer, content: text)], subject: subject)
}

func analyze(_ text: String) -> TicketAnalysis { sharedEngine.analyze(ticket(text)) }

func decide(_ text: String, plan: String? = "pro", seats: Int? = nil, hits: [KnowledgeHit] = []) -> TriageDecision {
    let customer = plan.map { CustomerContext(plan: $0, seats: seats) }
    return sharedEngine.triage(ticket(text), customer: customer, knowledge: KnowledgeResult(hits: hits))
}

/// The repository root, from this file's path (Tests/TriageEngineTests/Support.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
