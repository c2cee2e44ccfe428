using System.Net;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;
using Procurement.Domain.Requirements;
using Procurement.IntegrationTests.Workspace;
using Procurement.Testing;
using Procurement.Web.Features.Specification;
using static Procurement.IntegrationTests.Authorization.Access;

namespace Procurement.IntegrationTests.Authorization;

public enum Access
{
    /// <summary>Passes authorization: any answer but a sign-in redirect, 401, 403 or 5xx.</summary>
    Ok,

    /// <summary>Sent to sign in (302 to /konto/logga-in).</summary>
    SignIn,

    /// <summary>403.</summary>
    Denied,
}

/// <summary>
/// Every endpoint of the app, and what an anonymous visitor and each role get from it. A new endpoint
/// that is not added here fails <see cref="Every_endpoint_of_the_app_is_in_the_matrix"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    private const string AnyMethod = "*";

    private static readonly Rule[] Matrix =
    [
        //  method  route pattern                          sample request                              anon    admin   officer muni    supplier
        new("GET",  "/",                                   "/",                                        Ok,     Ok,     Ok,     Ok,     Ok),
        new(AnyMethod, "/health",                          "/health",                                  Ok,     Ok,     Ok,     Ok,     Ok),
        new(AnyMethod, "/fel/{code:int}",                  "/fel/404",                                 Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/sprak",                              "/sprak",                                   Ok,     Ok,     Ok,     Ok,     Ok),

        // Sign-in, registration and links from e-mail: open to all.
        new("GET",  "/konto/logga-in",                     "/konto/logga-in",                          Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in",                     "/konto/logga-in",                          Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/logga-in/tvafaktor",           "/konto/logga-in/tvafaktor",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in/tvafaktor",           "/konto/logga-in/tvafaktor",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/logga-in/aterstallningskod",   "/konto/logga-in/aterstallningskod",        Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-in/aterstallningskod",   "/konto/logga-in/aterstallningskod",        Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/glomt-losenord",               "/konto/glomt-losenord",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/glomt-losenord",               "/konto/glomt-losenord",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/glomt-losenord/skickat",       "/konto/glomt-losenord/skickat",            Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/aterstall-losenord",           "/konto/aterstall-losenord",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/aterstall-losenord",           "/konto/aterstall-losenord",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/registrera",                         "/registrera",                              Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/registrera",                         "/registrera",                              Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/registrera/skickat",                 "/registrera/skickat",                      Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/bekrafta-epost",               "/konto/bekrafta-epost",                    Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/skicka-bekraftelse",           "/konto/skicka-bekraftelse",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/skicka-bekraftelse",           "/konto/skicka-bekraftelse",                Ok,     Ok,     Ok,     Ok,     Ok),
        new("GET",  "/inbjudan",                           "/inbjudan?kod=okand",                      Ok,     Ok,     Ok,     Ok,     Ok),
        new("POST", "/inbjudan",                           "/inbjudan",                                Ok,     Ok,     Ok,     Ok,     Ok),

        // My account: every signed-in user, before two-factor is set up too.
        new("GET",  "/konto",                              "/konto",                                   SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/namn",                         "/konto/namn",                              SignIn, Ok,     Ok,     Ok,     Ok),
        new("GET",  "/konto/losenord",                     "/konto/losenord",                          SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/losenord",                     "/konto/losenord",                          SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/sessioner/avsluta-andra",      "/konto/sessioner/avsluta-andra",           SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/logga-ut",                     "/konto/logga-ut",                          SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },
        new("GET",  "/konto/tvafaktor",                    "/konto/tvafaktor",                         SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/aktivera",           "/konto/tvafaktor/aktivera",                SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/nya-koder",          "/konto/tvafaktor/nya-koder",               SignIn, Ok,     Ok,     Ok,     Ok),
        new("POST", "/konto/tvafaktor/ny-app",             "/konto/tvafaktor/ny-app",                  SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },
        new("POST", "/konto/tvafaktor/stang-av",           "/konto/tvafaktor/stang-av",                SignIn, Ok,     Ok,     Ok,     Ok) { Changes = true },

        // Officers and administrators.
        new("GET",  "/organisationer",                     "/organisationer",                          SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/organisationer/{id:guid}",           "/organisationer/{uppsala}",                SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/inbjudningar",                       "/inbjudningar",                            SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/inbjudningar/ny",                    "/inbjudningar/ny",                         SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/inbjudningar/ny",                    "/inbjudningar/ny",                         SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/inbjudningar/{id:guid}/aterkalla",   "/inbjudningar/{random}/aterkalla",         SignIn, Ok,     Ok,     Denied, Denied),

        new("GET",  "/standarder",                         "/standarder",                              SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/standarder/{standardId}",            "/standarder/DOS-WCAG",                     SignIn, Ok,     Ok,     Denied, Denied),

        // Administrators only.
        new("GET",  "/standarder/ny",                      "/standarder/ny",                           SignIn, Ok,     Denied, Denied, Denied),
        new("POST", "/standarder/ny",                      "/standarder/ny",                           SignIn, Ok,     Denied, Denied, Denied),
        new("GET",  "/standarder/{standardId}/redigera",   "/standarder/DOS-WCAG/redigera",            SignIn, Ok,     Denied, Denied, Denied),
        new("POST", "/standarder/{standardId}/redigera",   "/standarder/DOS-WCAG/redigera",            SignIn, Ok,     Denied, Denied, Denied),
        new("GET",  "/organisationer/ny",                  "/organisationer/ny",                       SignIn, Ok,     Denied, Denied, Denied),
        new("POST", "/organisationer/ny",                  "/organisationer/ny",                       SignIn, Ok,     Denied, Denied, Denied),

        // Procurements. {p} is a procurement owned by the officer's purchasing body that Uppsala (the representative's) joined;
        // {r} a requirement in it, {s} Uppsala's need, {i} the representative's import. Outsiders, an officer of another
        // purchasing body and a municipality that did not join, are refused every route under /upphandlingar/{id}.
        new("GET",  "/upphandlingar",                      "/upphandlingar",                           SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/ny",                   "/upphandlingar/ny",                        SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/ny",                   "/upphandlingar/ny",                        SignIn, Denied, Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}",            "/upphandlingar/{p}",                       SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/redigera",   "/upphandlingar/{p}/redigera",              SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/redigera",   "/upphandlingar/{p}/redigera",              SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/fas",        "/upphandlingar/{p}/fas",                   SignIn, Denied, Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/deltagare",  "/upphandlingar/{p}/deltagare",             SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/deltagare/bjud-in", "/upphandlingar/{p}/deltagare/bjud-in", SignIn, Denied, Ok,   Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/deltagare/bjud-in", "/upphandlingar/{p}/deltagare/bjud-in", SignIn, Denied, Ok,   Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/deltagande", "/upphandlingar/{p}/deltagande",            SignIn, Denied, Denied, Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/krav",       "/upphandlingar/{p}/krav",                  SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/krav/nytt",  "/upphandlingar/{p}/krav/nytt",             SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/nytt",  "/upphandlingar/{p}/krav/nytt",             SignIn, Denied, Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/krav/{kravId:guid}", "/upphandlingar/{p}/krav/{r}",      SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/krav/{kravId:guid}/redigera", "/upphandlingar/{p}/krav/{r}/redigera", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/redigera", "/upphandlingar/{p}/krav/{r}/redigera", SignIn, Denied, Ok, Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/krav/{kravId:guid}/historik", "/upphandlingar/{p}/krav/{r}/historik", SignIn, Ok,   Ok,     Ok,     Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/flytta", "/upphandlingar/{p}/krav/{r}/flytta", SignIn, Denied, Ok,   Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/numrera-om", "/upphandlingar/{p}/krav/numrera-om",  SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/stod", "/upphandlingar/{p}/krav/{r}/stod", SignIn, Denied, Denied, Ok,   Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/stod/ta-bort", "/upphandlingar/{p}/krav/{r}/stod/ta-bort", SignIn, Denied, Denied, Ok, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/kommentarer", "/upphandlingar/{p}/krav/{r}/kommentarer", SignIn, Denied, Ok, Ok, Denied),
        new("GET",  "/upphandlingar/{id:guid}/behov",      "/upphandlingar/{p}/behov",                 SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/behov/nytt", "/upphandlingar/{p}/behov/nytt",            SignIn, Denied, Denied, Ok,     Denied),
        new("POST", "/upphandlingar/{id:guid}/behov/nytt", "/upphandlingar/{p}/behov/nytt",            SignIn, Denied, Denied, Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/behov/{behovId:guid}/redigera", "/upphandlingar/{p}/behov/{s}/redigera", SignIn, Denied, Denied, Ok, Denied),
        new("POST", "/upphandlingar/{id:guid}/behov/{behovId:guid}/redigera", "/upphandlingar/{p}/behov/{s}/redigera", SignIn, Denied, Denied, Ok, Denied),
        new("POST", "/upphandlingar/{id:guid}/behov/{behovId:guid}/stod", "/upphandlingar/{p}/behov/{s}/stod", SignIn, Denied, Denied, Ok, Denied),
        new("POST", "/upphandlingar/{id:guid}/behov/{behovId:guid}/aterkalla", "/upphandlingar/{p}/behov/{s}/aterkalla", SignIn, Denied, Denied, Ok, Denied),
        new("GET",  "/upphandlingar/{id:guid}/sortering",  "/upphandlingar/{p}/sortering",             SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/standarder", "/upphandlingar/{p}/standarder",            SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/standarder", "/upphandlingar/{p}/standarder",            SignIn, Denied, Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/lankforslag", "/upphandlingar/{p}/lankforslag",          SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/lankforslag/foresla", "/upphandlingar/{p}/lankforslag/foresla", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/lankforslag/beslut", "/upphandlingar/{p}/lankforslag/beslut", SignIn, Denied, Ok,  Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/lankforslag/manuell", "/upphandlingar/{p}/lankforslag/manuell", SignIn, Denied, Ok, Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/tackning",   "/upphandlingar/{p}/tackning",              SignIn, Ok,     Ok,     Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/tackning.xlsx", "/upphandlingar/{p}/tackning.xlsx",      SignIn, Ok,     Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/tackning/konflikter", "/upphandlingar/{p}/tackning/konflikter", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/tackning/konflikter/{konfliktId:guid}/los", "/upphandlingar/{p}/tackning/konflikter/{random}/los", SignIn, Denied, Ok, Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/import",     "/upphandlingar/{p}/import",                SignIn, Denied, Ok,     Ok,     Denied),
        new("POST", "/upphandlingar/{id:guid}/import",     "/upphandlingar/{p}/import",                SignIn, Denied, Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/import/mall.xlsx", "/upphandlingar/{p}/import/mall.xlsx", SignIn, Ok,     Ok,    Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/import/mall.csv", "/upphandlingar/{p}/import/mall.csv",  SignIn, Ok,     Ok,     Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/import/{importId:guid}", "/upphandlingar/{p}/import/{i}", SignIn, Denied, Ok,    Ok,     Denied),
        new("GET",  "/upphandlingar/{id:guid}/import/{importId:guid}/status", "/upphandlingar/{p}/import/{i}/status", SignIn, Denied, Ok, Ok, Denied),
        new("POST", "/upphandlingar/{id:guid}/import/{importId:guid}/genomfor", "/upphandlingar/{p}/import/{i}/genomfor", SignIn, Denied, Ok, Ok, Denied),

        // Merging: the owning officers only. {a} an analysis run, {g} a suggested group, {m} a merge.
        new("GET",  "/upphandlingar/{id:guid}/sammanforing", "/upphandlingar/{p}/sammanforing",        SignIn, Denied, Ok,     Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/sammanforing/analys", "/upphandlingar/{p}/sammanforing/analys", SignIn, Denied, Ok, Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/sammanforing/analys/{runId:guid}/status", "/upphandlingar/{p}/sammanforing/analys/{a}/status", SignIn, Denied, Ok, Denied, Denied),
        new("GET",  "/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}", "/upphandlingar/{p}/sammanforing/forslag/{g}", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/nytt-krav", "/upphandlingar/{p}/sammanforing/forslag/{g}/nytt-krav", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/befintligt-krav", "/upphandlingar/{p}/sammanforing/forslag/{g}/befintligt-krav", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/sammanforing/forslag/{forslagId:guid}/avvisa", "/upphandlingar/{p}/sammanforing/forslag/{g}/avvisa", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/sammanforing/{mergeId:guid}/angra", "/upphandlingar/{p}/sammanforing/{m}/angra", SignIn, Denied, Ok, Denied, Denied),
        new("POST", "/upphandlingar/{id:guid}/krav/{kravId:guid}/ursprung/dela", "/upphandlingar/{p}/krav/{r}/ursprung/dela", SignIn, Denied, Ok, Denied, Denied),
    ];

    private static readonly string[] RoleOrder =
        ["", Roles.Administrator, Roles.ProcurementOfficer, Roles.MunicipalityRepresentative, Roles.Supplier];

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [AnyMethod])
                .Select(method => $"{method} {Normalize(e.RoutePattern.RawText)}"))
            .ToHashSet();
        var listed = Matrix.Select(r => $"{r.Method} {r.Route}").ToHashSet();

        Assert.True(endpoints.SetEquals(listed),
            $"Not in the matrix: {string.Join(", ", endpoints.Except(listed))}. In the matrix but not in the app: {string.Join(", ", listed.Except(endpoints))}.");
        Assert.Equal(Matrix.Length, listed.Count); // no duplicates
    }

    [Fact]
    public async Task Static_files_are_served_to_anyone()
    {
        using var anonymous = app.NewClient();
        var files = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(IsStaticFile)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.Contains('{', StringComparison.Ordinal))
            .ToList();

        Assert.Contains("/css/site.css", files);
        Assert.Contains("/favicon.svg", files);
        foreach (var file in files)
        {
            var response = await anonymous.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode}\n{app.Log}");
        }
    }

    [Fact]
    public async Task Each_visitor_gets_what_the_matrix_says()
    {
        var uppsala = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0380'");
        var shared = new Dictionary<string, TestClient> { [""] = app.NewClient() };
        foreach (var role in RoleOrder.Skip(1))
        {
            shared[role] = (await app.SignedInAsync(role)).Client;
        }

        var samples = await WorkspaceSamplesAsync(shared[Roles.ProcurementOfficer], shared[Roles.MunicipalityRepresentative]);
        samples["{uppsala}"] = uppsala;
        var otherBody = await app.WithServicesAsync(services => services.GetRequiredService<OrganisationCommands>().CreateAsync(
            OrganisationKind.CentralPurchasingBody, "Annan Inköpscentral", OrganisationNumber.Parse("202100-7774"), null));
        var stockholm = await app.QueryScalarAsync<Guid>("SELECT id FROM organisations WHERE municipality_code = '0180'");
        var outsiders = new (string Name, string Role, Guid Organisation)[]
        {
            ("officer of another purchasing body", Roles.ProcurementOfficer, otherBody),
            ("representative of a municipality that did not join", Roles.MunicipalityRepresentative, stockholm),
        };
        foreach (var (name, role, organisation) in outsiders)
        {
            shared[name] = (await app.SignedInAsync(role, organisation)).Client;
        }

        var failures = new List<string>();
        foreach (var rule in Matrix)
        {
            var url = samples.Aggregate(rule.Sample, (u, sample) => u.Replace(sample.Key, sample.Value.ToString(), StringComparison.Ordinal))
                .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            var visitors = RoleOrder.Select((role, i) => (Name: role, Role: role, Organisation: (Guid?)null, Expected: rule.Expected[i]))
                .Concat(outsiders.Select(o => (o.Name, o.Role, Organisation: (Guid?)o.Organisation,
                    Expected: rule.InProcurement ? Denied : rule.Expected[Array.IndexOf(RoleOrder, o.Role)])))
                .ToList();
            foreach (var (name, role, organisation, expected) in visitors)
            {
                var client = rule.Changes && role.Length > 0 ? (await app.SignedInAsync(role, organisation)).Client : shared[name];
                foreach (var method in rule.Method == AnyMethod ? ["GET", "POST"] : new[] { rule.Method })
                {
                    var response = method == "GET"
                        ? await client.GetAsync(url)
                        : await client.PostAsync(url, new Dictionary<string, string>());
                    var actual = Classify(response);
                    if (actual != expected)
                    {
                        failures.Add($"{method} {url} as {(name.Length == 0 ? "anonymous" : name)}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + app.Log);
    }

    /// <summary>The procurement, requirement, need and import the procurement routes are tried on.</summary>
    private async Task<Dictionary<string, Guid>> WorkspaceSamplesAsync(TestClient officer, TestClient representative)
    {
        var procurement = await app.CreateProcurementAsync(officer);
        await app.JoinedRepresentativeAsync(officer, procurement);
        var requirement = await app.WithServicesAsync(services => services.GetRequiredService<DbSession>().WriteAsync(() =>
            services.GetRequiredService<RequirementStore>().CreateAsync(procurement,
                new RequirementData(SpecificationSection.Specification, null, null, RequirementKind.Ska, "Bokning", "Det ska gå att boka.", "", "", RequirementStatus.Draft),
                null, "Test", CancellationToken.None)));
        var submitted = await representative.SubmitAsync($"/upphandlingar/{procurement}/behov/nytt", $"/upphandlingar/{procurement}/behov/nytt",
            new Dictionary<string, string> { ["Form.Text"] = "Vi behöver kunna boka idrottshallar." });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var submission = await app.QueryScalarAsync<Guid>("SELECT id FROM submissions WHERE procurement_id = @procurement", new { procurement });
        var uploaded = await representative.UploadAsync($"/upphandlingar/{procurement}/import", "behov.csv", "Kravtext;Typ;Motiv;Kategori\nEtt behov;SKA;;\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var import = await app.QueryScalarAsync<Guid>("SELECT id FROM imports WHERE procurement_id = @procurement", new { procurement });
        var (run, suggestion, merge) = await MergeSamplesAsync(procurement, requirement, submission);
        return new Dictionary<string, Guid>
        {
            ["{p}"] = procurement, ["{r}"] = requirement, ["{s}"] = submission, ["{i}"] = import, ["{a}"] = run, ["{g}"] = suggestion, ["{m}"] = merge,
        };
    }

    /// <summary>An analysis run with one suggested group, and an (undone) merge of the need into the requirement.</summary>
    private async Task<(Guid Run, Guid Suggestion, Guid Merge)> MergeSamplesAsync(Guid procurement, Guid requirement, Guid submission)
    {
        var (run, suggestion, merge) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var user = await app.QueryScalarAsync<Guid>("SELECT id FROM users ORDER BY created_at LIMIT 1");
        var now = DateTimeOffset.UtcNow;
        await app.ExecuteAsync(
            """
            INSERT INTO merge_runs (id, procurement_id, status, started_by, started_at, finished_at, item_count, cluster_count)
            VALUES (@run, @procurement, 'Completed', @user, @now, @now, 1, 1);
            INSERT INTO merge_suggestions (id, procurement_id, run_id, rank, similarity, shared_terms, status)
            VALUES (@suggestion, @procurement, @run, 1, 0.9, 'bok', 'Open');
            INSERT INTO merge_suggestion_members (suggestion_id, submission_id) VALUES (@suggestion, @submission);
            INSERT INTO merges (id, procurement_id, requirement_id, created_requirement, created_by, created_at, undone_by, undone_at)
            VALUES (@merge, @procurement, @requirement, 0, @user, @now, @user, @now);
            """, new { run, suggestion, merge, procurement, requirement, submission, user, now });
        return (run, suggestion, merge);
    }

    private static Access? Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => Denied,
        HttpStatusCode.Redirect when response.Headers.Location!.ToString().StartsWith("https://localhost/konto/logga-in", StringComparison.Ordinal) => SignIn,
        HttpStatusCode.Unauthorized => null,
        >= HttpStatusCode.InternalServerError => null,
        _ => Ok,
    };

    /// <summary>Files under wwwroot (and the catch-all that serves them), which need no authorization. Not controller actions.</summary>
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is null && IsStaticFile(endpoint.RoutePattern.RawText);

    private static bool IsStaticFile(string? route) =>
        route is not null && (System.IO.Path.HasExtension(route) || route.Contains(":file}", StringComparison.Ordinal));

    private static string Normalize(string? route) => "/" + (route ?? "").TrimStart('/');

    private sealed record Rule(string Method, string Route, string Sample, params Access[] Expected)
    {
        /// <summary>The request ends the session or changes sign-in: each visitor uses a fresh one.</summary>
        public bool Changes { get; init; }

        /// <summary>A route inside one procurement, refused to everyone who neither owns nor joined it.</summary>
        public bool InProcurement => Route.StartsWith("/upphandlingar/{id", StringComparison.Ordinal);
    }
}
