using System.Net;
using System.Text;
using System.Text.Json;
using Hilmo.Access;

namespace Hilmo.Server.Tests;

/// <summary>Bodies the register refuses, each with a clear ProblemDetails and never a 500, and nothing of them stored.</summary>
public sealed class RequestLimitTests
{
    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "truncated JSON", "application/json", "[" + Bodies.Record("1.2.246.10.2345678.10.2026.1") + ",{\"tunnus\":\"1.2" },
        { "XML with a DTD", "application/xml", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><palvelutapahtumat/>""" },
        { "XML with an external entity", "application/xml", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><palvelutapahtumat><palvelutapahtuma><tunnus>&e;</tunnus></palvelutapahtuma></palvelutapahtumat>""" },
        { "not JSON at all", "application/json", "hello" },
        { "the wrong JSON", "application/json", "true" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_body_is_answered_400_and_stores_nothing(string what, string mediaType, string body)
    {
        await using var server = await ServerHarness.StartAsync();
        var client = server.Client(server.Key(Role.Submitter));

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body, mediaType));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await ProblemOf(response);
        Assert.StartsWith("SUB-", problem.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Contains("No record of this submission was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Fact]
    public async Task A_json_document_that_is_not_utf8_is_answered_400_naming_the_byte_and_no_record_of_it_is_stored()
    {
        await using var server = await ServerHarness.StartAsync();
        var client = server.Client(server.Key(Role.Submitter));
        var good = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 200).Select(i => Bodies.Record($"1.2.246.10.2345678.10.2026.{i}"))) + ",");
        byte[] body = [.. good, .. "{\"tunnus\":\"1.2.246.10.2345678.10.2026.77"u8, 0xC3, 0x28, .. "\"}]"u8];

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("SUB-002", problem.GetProperty("code").GetString());
        Assert.InRange(problem.GetProperty("byteOffset").GetInt64(), good.Length, body.Length);
        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Fact]
    public async Task An_ndjson_line_that_is_not_utf8_is_one_rejected_record_as_in_a_file()
    {
        await using var server = await ServerHarness.StartAsync();
        var client = server.Client(server.Key(Role.Submitter));
        byte[] body = [.. Encoding.UTF8.GetBytes(Bodies.Ndjson(5)), .. "{\"tunnus\":\"1.2.246.10.2345678.10.2026.77"u8, 0xC3, 0x28, .. "\"}\n"u8];

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((5, 1), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        Assert.Contains(answer.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "FMT-013");
    }

    [Fact]
    public async Task A_100_MB_single_string_is_answered_413_without_reading_it_whole()
    {
        await using var server = await ServerHarness.StartAsync();
        var client = server.Client(server.Key(Role.Submitter));
        var body = new byte[100 * 1024 * 1024];
        Array.Fill(body, (byte)'a');
        "[{\"tunnus\":\""u8.CopyTo(body);
        "\"}]"u8.CopyTo(body.AsSpan(body.Length - 3));

        // As curl does for a large body: the answer comes before the body is sent, so nothing is read.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/notifications", UriKind.Relative)) { Content = Bodies.Content(body, "application/json") };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("SUB-003", (await ProblemOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_is_answered_413_and_stores_nothing()
    {
        await using var server = await ServerHarness.StartAsync(ServerOptions.Default with { MaxRequestBytes = 64 * 1024 });
        var client = server.Client(server.Key(Role.Submitter));
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Bodies.Ndjson(400))));
        content.Headers.ContentType = new("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/notifications", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemOf(response);
        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/octet-stream")]
    public async Task A_body_of_another_media_type_is_answered_415(string mediaType)
    {
        await using var server = await ServerHarness.StartAsync();
        var client = server.Client(server.Key(Role.Submitter));

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Ndjson(1), mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await ProblemOf(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_key_over_its_rate_is_answered_429_with_retry_after_while_other_keys_go_on()
    {
        await using var server = await ServerHarness.StartAsync(ServerOptions.Default with { RequestsPerMinute = 3 });
        var busy = server.Client(server.Key(Role.Submitter));
        var other = server.Client(server.Key(Role.Submitter));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await busy.GetAsync(new Uri("/api/v1/codes", UriKind.Relative));
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : refused;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(refused!.Headers.RetryAfter?.Delta);
        await ProblemOf(refused);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/v1/codes", UriKind.Relative))).StatusCode);
    }
}
