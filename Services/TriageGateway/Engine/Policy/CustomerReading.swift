/// Readings of the issue type that depend on who the customer is, applied once the customer is known
/// (the analysis reads the conversation alone).
///
/// A capability asked for by an enterprise customer with seats at stake ("we have 400 seats and plan
/// 300 more; is SCIM group sync planned?", "our audit needs the log exported, this decides the
/// renewal") is the policy's feature request *with a business case* (reading 7: low, route_specialist,
/// worth a product manager's look), not an enterprise how-to question (medium, auto_respond) nor a
/// plan change because seats or licences are named. On the tuning splits every enterprise "is there
/// / is it planned" question that names a seat count was labelled a feature request, and so was
/// every enterprise plan change the rules found only next to a business case (rollout, renewal).
/// It needs a customer known to be enterprise (reading 9); a pro customer who names seats is
/// asking to change them. A how-to becomes such a request only when the customer asks in words
/// whether there is a way ("is there a way to sync groups?"): "we are rolling out to 400 users; could
/// you send the procedure for SCIM?" asks for the steps (an enterprise how-to: medium, auto_respond),
/// and the rollout is why, not what is asked. Nor in a letter (cue `long_letter`): seats, licences and
/// the renewal are named there as background ("we have 220 seats, the renewal is in September") around
/// a request of its own (records lost in a migration, a wrong invoice, a locked board); on the tuning
/// splits no letter that this reading changed was labelled a feature request.
extension TriageEngine {
    static func readForCustomer(_ analysis: TicketAnalysis, plan: String, taxonomy: Taxonomy) -> TicketAnalysis {
        guard plan == "enterprise", !analysis.has("long_letter") else { return analysis }
        let issue = analysis.issueType.value
        let because: String
        if issue == .featureQuestion, let seats = analysis.cues.first(where: { $0.name == "seats_mentioned" }) {
            because = "an enterprise customer asks for a capability with seats at stake (\(seats.evidence)): a feature request with a business case"
        } else if issue == .howTo, analysis.has("asks_how"), let seats = analysis.cues.first(where: { $0.name == "seats_mentioned" }),
                  let business = analysis.cues.first(where: { $0.name == "business_case" }) {
            // "Is there a way to sync groups from Okta?" with 600 seats and a rollout waiting on it asks
            // for the capability, not for steps; a how-to read without such words (by the learned model,
            // or from a bare question) is not asked that way.
            because = "an enterprise customer asks whether a capability exists with seats (\(seats.evidence)) and a business case "
                + "(\(business.evidence)) at stake: a feature request with a business case"
        } else if issue == .planChange, let business = analysis.cues.first(where: { $0.name == "business_case" }) {
            because = "an enterprise customer names seats or licences next to a business case (\(business.evidence)): a feature request, not a plan change"
        } else {
            return analysis
        }
        var read = analysis
        let request = IssueType.featureRequest
        read.issueType = Classified(value: request, confidence: analysis.issueType.confidence,
                                    signals: [because, "read before the customer was known: \(issue.rawValue)"] + analysis.issueType.signals.prefix(3),
                                    rule: "issue.enterprise_business_case")
        let type = taxonomy.issues[request]?.ticketType ?? .general
        read.ticketType = Classified(value: type, confidence: analysis.ticketType.confidence,
                                     signals: ["issue \(request.rawValue) is \(type.rawValue)"], rule: "ticket_type.enterprise_business_case")
        let area = taxonomy.issues[request]?.productArea ?? .features
        read.productArea = Classified(value: area, confidence: analysis.productArea.confidence,
                                      signals: ["issue \(request.rawValue) belongs to \(area.rawValue)"], rule: "product_area.enterprise_business_case")
        return read
    }
}
