using System.Text;

namespace Procurement.Data.Seeding;

/// <summary>The table of demo accounts printed by `seed-demo` and by the web app's --seed-demo.</summary>
public static class DemoAccountsReport
{
    public static string Format(IReadOnlyList<DemoAccount> accounts)
    {
        var text = new StringBuilder();
        text.AppendLine("Demokonton (lösenord visas bara när de skapas):");
        foreach (var a in accounts)
        {
            text.AppendLine($"  {a.Email,-24} {a.Role,-27} {a.Organisation,-22} {a.Password ?? "(finns redan; seed-demo --reset-passwords ger nya)"}");
        }

        text.Append("Upphandlare och administratörer aktiverar tvåfaktorsinloggning vid första inloggningen.");
        return text.ToString();
    }
}
