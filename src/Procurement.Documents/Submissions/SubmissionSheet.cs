using Procurement.Domain.Submissions;

namespace Procurement.Documents.Submissions;

/// <summary>A problem with the file as a whole (wrong type, encoding, header): a complete Swedish sentence.</summary>
public sealed record SheetProblem(string Message);

/// <summary>
/// What a submitted spreadsheet holds: its data rows, unvalidated, and the problems with the file itself. When
/// there are problems there are no rows: the file has to be fixed and sent again.
/// </summary>
public sealed record SubmissionSheet(IReadOnlyList<RawSubmissionRow> Rows, IReadOnlyList<SheetProblem> Problems);
