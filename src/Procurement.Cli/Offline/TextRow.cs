namespace Procurement.Cli.Offline;

/// <summary>One row of an input file: its id, its text and the line it starts on (for messages).</summary>
public sealed record TextRow(string Id, string Text, int Line);
