import Testing
@testable import TriageEngine

/// Long letters: a customer who tells the background before the request. The background's words must
/// not outweigh the sentence that asks. Every text here was written for the test, not taken from a
/// split, and each one read differently on the engine (data 2026.12.6.55) before its entry.
@Suite struct LongLetterRuleTests {
    @Test func anIntentAndATopicInDifferentSentencesOfALetterDoNotCombine() {
        // Policy general: "how-to and feature questions". "Changed how we organise projects" and "the
        // invoices" sit in two background sentences; the request is a how-to about the calendar, not an
        // invoice question built from "how do I" and a topic three sentences earlier.
        let decision = decide("Hello team. We are a small architecture office and have used your tool for two years now. "
                              + "Last spring we changed how we organise projects, and everyone is happy with it. "
                              + "Our accountant handles the invoices and payments on her own, so I never look at them. "
                              + "We also moved our files from an old server, which went well. "
                              + "Anyway, my question today is about the calendar view: how do I show weekends in it? Thanks a lot, Anna")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
    }

    @Test func aShortMessageStillCombinesAcrossItsSentences() {
        // A short message is one passage: "How do I get this?" asks about the invoices of the next sentence.
        let analysis = analyze("How do I get this? I need last year's invoices for our accountant.")
        #expect(analysis.issueType.value == .invoiceQuestion, "\(analysis.issueType.signals)")
    }

    @Test func passagesSplitOnlyALongMessage() {
        let short = Passages(NormalizedText("One. Two? Three!"))
        #expect(short.index(of: 0) == 0 && short.index(of: 12) == 0)
        let long = Passages(NormalizedText(String(repeating: "word ", count: 80) + ". Next sentence here."))
        #expect(long.index(of: 0) == 0)
        #expect(long.index(of: 405) == 1)
    }
}

/// The enterprise business-case reading (a capability asked for with seats at stake is a feature
/// request) when the seats or the renewal are not what the customer asks about.
/// In a letter, the problem in the sentence that asks for a fix outweighs the one told as background.
@Suite struct AskedInALetterTests {
    static let letter = "Hello billing team, I look after the API integration at a small design studio, and I want to explain a charge on "
        + "our June invoice, so this is a little long. Every night our order system imports project data through your API, and we "
        + "normally stay well inside the monthly quota of our Pro plan; in the past year we never paid any overage. From the 12th to "
        + "the 18th of June your bulk endpoint had an outage and was down for hours every night, which your status page also showed. "
        + "Our importer retries a failed request up to five times, so during that week the same calls were sent again and again. The "
        + "outage is over since the 19th and everything runs normally now, and the engineer who helped us was great. The June "
        + "invoice, however, counts 142,000 extra calls, almost all of them retries during your outage. Could you please correct the "
        + "wrong amount, since we were overcharged for your retries? We do not need money back; a credit on the July invoice is "
        + "fine. Please also send the corrected invoice as a PDF for our accountant. Thank you, Ryo"

    @Test func theChargeAskedToBeCorrectedOutweighsTheOutageToldBefore() {
        // Policy: a mixed ticket "takes the type of what the customer asks to be fixed first"; a wrong
        // charge is high on any plan. The outage is over and told as the reason for the charge.
        let decision = decide(Self.letter)
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
    }

    @Test func onlyALettersAskingSentencesAreMarked() {
        let lexicon = sharedEngine.data.lexicon
        let long = NormalizedText(Self.letter)
        let asking = Evidence.askingPassages(lexicon.hits(in: long, language: "en"), text: long, passages: Passages(long), lexicon: lexicon)
        let passages = Passages(long)
        let request = Self.letter.unicodeScalars.count - 200
        #expect(asking.contains(passages.index(of: request)))
        #expect(!asking.contains(passages.index(of: 300)))
        let short = NormalizedText("Could you please correct the wrong amount?")
        #expect(Evidence.askingPassages(lexicon.hits(in: short, language: "en"), text: short, passages: Passages(short), lexicon: lexicon).isEmpty)
    }
}

/// A grave problem named in a letter among background questions and requests.
@Suite struct LetterProblemTests {
    static let letter = "Dear support team, I hope you are well. I am writing on behalf of our operations department with a few points at once, "
        + "so please forgive the length. 1. Renewal: our Enterprise contract for 220 seats ends in September, and we plan to add about "
        + "forty seats for the new warehouse. Could you send a quote for the extra seats and tell us how seats added mid-year are invoiced? "
        + "2. Training: several new team leads joined in April. Would it be possible to schedule two online sessions on roles and "
        + "dashboards in July? 3. Last Saturday we merged the old sales workspace into the main one, following your guide. On Monday "
        + "about 4,000 records from March to May had vanished, together with their attachments. They are not in the trash or the "
        + "version history. Ninety people use these records every day. Can they be restored, and how long would it take? 4. Reports: "
        + "we would like the quarterly usage report to include active users per department, if that is possible. 5. Invoices: please "
        + "copy me on the invoice emails from August. Thank you for your help with all of this. Kind regards, Naoko"

    @Test func dataLossInItemThreeOutweighsTheSeatsAndTraining() {
        // Policy critical: "enterprise (or many seats) with … data loss"; a calm tone does not lower it. The
        // seats, the quote and the training around it are background to the records that vanished.
        let decision = decide(Self.letter, plan: "enterprise")
        #expect(decision.issueType.value == .dataLoss, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    private func evidence(letter: Bool) -> Evidence {
        var evidence = Evidence()
        evidence.issues[.featureRequest] = Evidence.Label(score: 8, signals: ["\"it would be great\" → feature_request (+8)"])
        evidence.issues[.dataLoss] = Evidence.Label(score: 3.5, signals: ["\"vanished\" → data_loss (+3.5)"])
        evidence.issues[.overcharge] = Evidence.Label(score: 3.5, signals: ["\"billed for 15 seats\" → overcharge (+3.5)"])
        if letter { evidence.addCue("long_letter", "a letter of 1,400 characters") }
        return evidence
    }

    @Test func moneyWinsAGraveTieInALetterAndOnlyInALetter() {
        // Reading 1: "when they weigh the same, money wins (billing)". Outside a letter the scores decide.
        let classifier = IssueClassifier(taxonomy: sharedEngine.data.taxonomy)
        let letter = classifier.classify(evidence(letter: true), isEmpty: false, wordCount: 200)
        #expect(letter.issue.value == .overcharge, "\(letter.issue.signals)")
        #expect(letter.issue.rule == "issue.letter_problem")
        let short = classifier.classify(evidence(letter: false), isEmpty: false, wordCount: 60)
        #expect(short.issue.value == .featureRequest, "\(short.issue.signals)")
    }
}

@Suite struct BusinessCaseScopeTests {
    @Test func aRolloutBesideAskedStepsIsAnEnterpriseHowTo() {
        // Policy medium: "an enterprise customer's how-to or informational question"; auto_respond: "a
        // simple question with a clear knowledge-base answer". The rollout is why the steps are needed.
        let decision = decide("We are finishing the rollout to the whole division, about 400 users. "
                              + "Could you send me the procedure to enable SCIM provisioning from Azure?", plan: "enterprise")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .autoRespond, "\(decision.recommendedAction.signals)")
    }

    /// An analysis that reads a feature question with seats named, as a letter or not.
    private func featureQuestionWithSeats(letter: Bool) -> TicketAnalysis {
        var analysis = analyze("We have 250 seats. Does the product support pinning a comment to the top of a task?")
        analysis.issueType = Classified(value: .featureQuestion, confidence: 0.7, signals: [], rule: "issue.highest_score")
        analysis.cues = [Cue(name: "seats_mentioned", evidence: "250 seats")]
            + (letter ? [Cue(name: "long_letter", evidence: "a letter of 1,200 characters")] : [])
        return analysis
    }

    @Test func seatsNamedInALetterAreBackgroundNotABusinessCase() {
        // Policy: "where a ticket falls between rules, the dominant need of the customer decides". In a
        // letter the seat count is told as background around the request; the feature question stays one
        // (an enterprise informational question), where a short message with seats at stake is a request.
        let taxonomy = sharedEngine.data.taxonomy
        let letter = TriageEngine.readForCustomer(featureQuestionWithSeats(letter: true), plan: "enterprise", taxonomy: taxonomy)
        #expect(letter.issueType.value == .featureQuestion, "\(letter.issueType.signals)")
        let short = TriageEngine.readForCustomer(featureQuestionWithSeats(letter: false), plan: "enterprise", taxonomy: taxonomy)
        #expect(short.issueType.value == .featureRequest, "\(short.issueType.signals)")
    }

    @Test func aLatestMessageOfAThousandCharactersIsALetter() {
        let sentence = "We planned the quarter with the team and the boards worked well for everyone. "
        #expect(analyze(String(repeating: sentence, count: 13)).has("long_letter"))
        #expect(!analyze(String(repeating: sentence, count: 6)).has("long_letter"))
    }
}

/// A plan change the customer says they do not want.
@Suite struct NegatedPlanChangeTests {
    @Test func aPlanChangeSaidNotWantedIsNotTheRequest() {
        // Policy: "Negation counts". "We don't want to change plan" sets the plan aside; the request is
        // an account setting (general), not a billing plan change.
        let decision = decide("We don't want to change plan. I only need to move the workspace ownership to my colleague Giulia. How do I do that?")
        #expect(decision.ticketType.value == .general, "\(decision.issueType.signals)")
        #expect(decision.issueType.value != .planChange, "\(decision.issueType.signals)")
    }

    @Test func aPlanChangeSaidPlainlyStaysOne() {
        let decision = decide("We want to change plan to the yearly one. How do I do that?")
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
    }
}

/// Data shown to the wrong people, told with words an outage is read from.
@Suite struct ExposureOverOutageTests {
    @Test func salariesOpenToAnyoneWithALinkAreASecurityIncident() {
        // Policy: security incidents are critical on any plan; "every page" and "the entire team" here say
        // how far the exposure reaches, not that the service is down.
        let decision = decide("We sent a share link to our payroll agency. It opens every page of the workspace, "
                              + "so anyone who has it can see the salaries of the entire team. How do we stop this?")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }
}
