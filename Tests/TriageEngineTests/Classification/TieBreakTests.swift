import Testing
@testable import TriageEngine

/// Readings that tie are settled by the issue type's name, not by the order a dictionary happens to
/// iterate in: that order changes from process to process (Swift seeds its hashing per process), so
/// the same ticket could be explained two ways, or, where the tied reading is the one promoted, decided
/// two ways. This Thai refund demand ties account_settings with payment_method as the question around
/// it; before the fix its explanation named one or the other (3 and 5 of 8 processes).
@Suite struct TieBreakTests {
    @Test func aTieBetweenQuestionReadingsIsSettledByName() {
        let text = "สวัสดีค่ะ ยกเลิกแพ็กเกจไปแล้วตั้งแต่เดือนก่อน มีอีเมลยืนยัน แต่เมื่อวานเปิดแอปธนาคารเจอตัดบัตร 990 บาทอีก "
            + "ยกเลิกแล้วยังตัดเงินได้ยังไงคะ ขอคืนเงินเต็มจำนวนค่ะ"
        let issue = analyze(text).issueType
        #expect(issue.value == .refundRequest)
        #expect(issue.signals.contains("a refund demand outweighs the account_settings around it"), "\(issue.signals)")
    }
}
