namespace Procurement.Cli;

/// <summary>The entry point of <c>procurement</c>. Not top-level statements: the web app's Program is referenced too.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
