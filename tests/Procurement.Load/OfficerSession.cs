using System.Net;
using System.Text.RegularExpressions;
using Procurement.Domain.Identity;

namespace Procurement.Load;

/// <summary>
/// Signs the demo officer in as a person would the first time: password, two-factor set-up with the shown key,
/// then a new sign-in with the next code. Keeps the cookies for wrk.
/// </summary>
public sealed partial class OfficerSession : IDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private string? lastPreview;

    private OfficerSession(string baseUrl)
    {
        baseUri = new Uri(baseUrl);
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = baseUri };
    }

    public string CookieHeader => cookies.GetCookieHeader(baseUri);

    public static async Task<OfficerSession> SignInAsync(string baseUrl, string email, string password)
    {
        var session = new OfficerSession(baseUrl);
        var setup = await session.PostFormAsync("/konto/logga-in", "/konto/logga-in", new() { ["Email"] = email, ["Password"] = password });
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        if (key.Length == 0)
        {
            throw new InvalidOperationException("Expected the two-factor set-up page after the password.");
        }

        var secret = Totp.DecodeBase32(key);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        await session.PostFormAsync("/konto/tvafaktor?kravs=1", "/konto/tvafaktor/aktivera", new() { ["Form.Code"] = Totp.Code(secret, step) });
        await session.PostFormAsync("/konto/logga-in", "/konto/logga-in", new() { ["Email"] = email, ["Password"] = password });
        var start = await session.PostFormAsync("/konto/logga-in/tvafaktor", "/konto/logga-in/tvafaktor", new() { ["Code"] = Totp.Code(secret, step + 1) });
        if (!start.Contains("Välkommen", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The officer did not get signed in.");
        }

        return session;
    }

    public async Task<Guid> FirstProcurementAsync() =>
        Guid.Parse(ProcurementLink().Match(await http.GetStringAsync(new Uri("/upphandlingar", UriKind.Relative))).Groups[1].Value);

    /// <summary>The page answers 200 with what a signed-in officer sees, so wrk measures the real page.</summary>
    public async Task AssertPageAsync(string path, string expected)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/konto", StringComparison.Ordinal)
            || !body.Contains(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{path} did not show the triage page ({(int)response.StatusCode}).");
        }
    }

    public Task<string> GetStringAsync(string path) => http.GetStringAsync(new Uri(path, UriKind.Relative));

    /// <summary>Uploads a file on behalf of the first municipality offered; answers the preview page.</summary>
    public async Task<string> UploadAsync(Guid procurement, byte[] content, string fileName)
    {
        var path = $"/upphandlingar/{procurement}/import";
        var page = await GetStringAsync(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(FirstOrganisation().Match(page).Groups[1].Value), "organisation" },
            { new ByteArrayContent(content), "fil", fileName },
        };
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);
        lastPreview = response.RequestMessage!.RequestUri!.AbsolutePath;
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Commits the import last previewed; answers its path.</summary>
    public async Task<string> CommitImportAsync(Guid procurement)
    {
        var preview = lastPreview ?? throw new InvalidOperationException("Nothing was uploaded.");
        await PostFormAsync(preview, preview + "/genomfor", []);
        return preview;
    }

    public void Dispose() => http.Dispose();

    private async Task<string> PostFormAsync(string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(new Uri(pageUrl, UriKind.Relative));
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        using var response = await http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FirstOrganisation();

    [GeneratedRegex("id=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("href=\"/upphandlingar/([0-9a-f-]{36})\"")]
    private static partial Regex ProcurementLink();
}
