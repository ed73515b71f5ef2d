using System.Diagnostics;
using System.Text;
using Hilmo.Audit;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Server.Endpoints;
using Hilmo.Server.Web.Shared;
using Hilmo.Storage;
using Hilmo.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Form;

/// <summary>
/// <c>/form</c>: a small provider without an information system enters a service event by hand.
/// The record goes through the API's own pipeline (<see cref="SubmissionHandler.PipelineFor"/>):
/// first checked only, so that findings can be shown beside their fields and nothing half-right is
/// stored; once it passes, stored as a submission of its own, which then appears in the portal.
/// </summary>
internal static class FormEndpoints
{
    /// <summary>The source a submission from the form is stored under.</summary>
    public const string Source = "web form";

    public static void Map(IEndpointRouteBuilder form)
    {
        form.MapGet("", (HttpContext http, TimeProvider time) =>
        {
            var page = WebPage.For(http);
            var suggested = new Dictionary<string, string> { ["tunnus"] = SuggestedRecordId(page.Caller.Organisation!, time) };
            return new RazorComponentResult<FormPage>(new { Page = page, Record = FormRecord.From(suggested, page.Caller.Organisation!, DateTime.MinValue), Findings = Array.Empty<Finding>() });
        });
        form.MapPost("", PostAsync);
        form.MapGet("/codes/{name}", (string name, HttpContext http, RegisterServices register, string? q = null) =>
            register.Codes.TryGet(name, out var classification)
                ? (IResult)new RazorComponentResult<CodeSearchPage>(new { Page = WebPage.For(http), Classification = classification, Query = q })
                : Results.NotFound());
    }

    private static async Task<IResult> PostAsync(HttpContext http, IFormCollection form, RegisterServices register, SubmissionHandler submissions)
    {
        var page = WebPage.For(http);
        var caller = page.Caller;
        var finnishNow = TimeZoneInfo.ConvertTime(page.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).DateTime;
        var record = FormRecord.From(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString())), caller.Organisation!, finnishNow);
        var body = Encoding.UTF8.GetBytes(record.Json.ToJsonString());
        var pipeline = submissions.PipelineFor(caller);

        var clock = Stopwatch.StartNew();
        var checkedFindings = new FindingList();
        var check = await pipeline.RunAsync(new MemoryStream(body), SubmissionFormat.Json, null, checkedFindings, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        submissions.Measure(SubmissionFormat.Json, false, check.Counts, clock.Elapsed);
        if (!check.WasRead || check.Counts.Rejected > 0)
        {
            http.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new RazorComponentResult<FormPage>(new { Page = page, Record = record, Findings = checkedFindings.Findings });
        }

        clock.Restart();
        var storedFindings = new FindingList();
        long submissionId;
        await using (var writer = await register.Store.BeginSubmissionAsync(new SubmissionInfo(Source, SubmissionFormat.Json.Name(), caller.Organisation), http.RequestAborted).ConfigureAwait(false))
        {
            var stored = await pipeline.RunAsync(new MemoryStream(body), SubmissionFormat.Json, writer, storedFindings, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            submissionId = writer.SubmissionId;
            submissions.Measure(SubmissionFormat.Json, true, stored.Counts, clock.Elapsed);
            var counts = stored.Counts;
            await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "submission.create", $"submission/{submissionId}", AuditReasons.Notification, caller.From,
                $"ok (web form): {counts}"), http.RequestAborted).ConfigureAwait(false);
        }

        // Post, redirect, get: a reload of the answer does not send the record again.
        return Results.Redirect($"/portal/submissions/{submissionId}?saved=1", permanent: false, preserveMethod: false);
    }

    /// <summary>
    /// A record identifier for a new record: the provider's code under the form's arc, and the
    /// moment in milliseconds, so two records of one provider do not share one by accident.
    /// </summary>
    private static string SuggestedRecordId(string provider, TimeProvider time) =>
        $"1.2.246.10.{(provider.All(char.IsAsciiDigit) ? provider : "0")}.99.{time.GetUtcNow().ToUnixTimeMilliseconds()}";
}
