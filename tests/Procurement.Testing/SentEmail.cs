using System.Text.RegularExpressions;
using MimeKit;

namespace Procurement.Testing;

/// <summary>A message the app wrote to the pickup folder.</summary>
public sealed partial record SentEmail(string To, string Subject, string TextBody, string FileName)
{
    public static IReadOnlyList<SentEmail> ReadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.GetFiles(directory, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                using var message = MimeMessage.Load(path);
                return new SentEmail(message.To.Mailboxes.Single().Address, message.Subject ?? "", message.TextBody ?? "", Path.GetFileName(path));
            })
            .ToList();
    }

    /// <summary>The path and query of the first link to the app in the text body that contains <paramref name="path"/>.</summary>
    public string LinkTo(string path)
    {
        var link = LinkPattern().Matches(TextBody).Select(m => m.Value).FirstOrDefault(l => l.Contains(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link to {path} in the e-mail \"{Subject}\":\n{TextBody}");
        return new Uri(link).PathAndQuery;
    }

    [GeneratedRegex(@"https://localhost(:\d+)?/\S+")]
    private static partial Regex LinkPattern();
}
