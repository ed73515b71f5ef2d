using System.Text.Json.Serialization;

namespace Hilmo.Access;

/// <summary>The JSON of <c>keys.json</c>, as <see cref="AccessKeyFile"/> documents it.</summary>
internal sealed record AccessKeyFileDocument(string Format, IReadOnlyList<AccessKeyFileEntry> Keys);

/// <summary>One key on disk: never its secret, only the SHA-256 of the secret's text, in hex.</summary>
internal sealed record AccessKeyFileEntry(
    string Id, string Organisation, string Role, string Name, DateTimeOffset Created, DateTimeOffset? Revoked, string Sha256);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AccessKeyFileDocument))]
internal sealed partial class AccessKeyFileJson : JsonSerializerContext;
