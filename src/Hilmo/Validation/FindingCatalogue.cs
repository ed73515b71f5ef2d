namespace Hilmo.Validation;

/// <summary>
/// Every finding the register can report, with its stable code. Codes are never reused or
/// renumbered; <c>docs/finding-codes.md</c> is generated from this list and a test keeps the two
/// in step.
/// </summary>
/// <remarks>
/// Prefixes: <c>SUB</c> the whole submission, <c>FMT</c> the shape of one record, <c>REQ</c>
/// required content, <c>HETU</c> the identity code, <c>CODE</c> code systems, <c>TIME</c> times,
/// <c>VAL</c> values, <c>RULE</c> rules across fields, <c>VER</c> versions in the register,
/// <c>ACC</c> what the submitter may send, <c>PER</c> the care periods of Terveys-Hilmo and
/// Sosiaalihilmo.
/// </remarks>
public static class FindingCatalogue
{
    // Submission level: nothing of the submission could be read past this point.
    public static readonly FindingDefinition NotReadable = Error("SUB-001",
        "Lähetystä ei voi lukea {0}-muodossa.",
        "Försändelsen kan inte läsas i formatet {0}.",
        "The submission cannot be read as {0}.");

    public static readonly FindingDefinition InvalidEncoding = Error("SUB-002",
        "Lähetys ei ole kelvollista UTF-8-tekstiä.",
        "Försändelsen är inte giltig UTF-8-text.",
        "The submission is not valid UTF-8 text.");

    public static readonly FindingDefinition SubmissionTooLarge = Error("SUB-003",
        "Lähetys ylittää suurimman sallitun koon ({0} tavua).",
        "Försändelsen överskrider den största tillåtna storleken ({0} byte).",
        "The submission exceeds the largest size allowed ({0} bytes).");

    public static readonly FindingDefinition DtdProhibited = Error("SUB-004",
        "XML-lähetyksessä on DTD-määrittely tai entiteetti; niitä ei sallita.",
        "XML-försändelsen innehåller en DTD eller entitet; sådana tillåts inte.",
        "The XML submission contains a DTD or entity declaration; these are not allowed.");

    public static readonly FindingDefinition Truncated = Error("SUB-005",
        "Lähetys päättyy kesken.",
        "Försändelsen tar slut mitt i.",
        "The submission ends before its structure is complete.");

    public static readonly FindingDefinition Empty = Warning("SUB-006",
        "Lähetyksessä ei ole yhtään tietuetta.",
        "Försändelsen innehåller inga poster.",
        "The submission contains no records.");

    public static readonly FindingDefinition UnexpectedStructure = Error("SUB-007",
        "Lähetyksen rakenne on väärä: odotettiin {0}.",
        "Försändelsens struktur är fel: {0} förväntades.",
        "The submission has the wrong structure: expected {0}.");

    public static readonly FindingDefinition UndecodableBody = Error("SUB-008",
        "Lähetyksen pakkausta {0} ei voi purkaa: pakattu data on vioittunut, päättyy kesken tai sen tarkistussumma ei täsmää.",
        "Försändelsens komprimering {0} kan inte packas upp: de komprimerade data är skadade, tar slut för tidigt eller har fel kontrollsumma.",
        "The submission's content coding {0} cannot be undone: the compressed data is damaged, ends too soon or fails its checksum.");

    // Record shape.
    public static readonly FindingDefinition InvalidRecordSyntax = Error("FMT-001",
        "Tietue ei ole kelvollista JSONia.",
        "Posten är inte giltig JSON.",
        "The record is not valid JSON.");

    public static readonly FindingDefinition WrongType = Error("FMT-002",
        "Arvo on väärää tyyppiä: odotettiin {0}.",
        "Värdet har fel typ: {0} förväntades.",
        "The value has the wrong type: expected {0}.");

    public static readonly FindingDefinition UnknownField = Warning("FMT-003",
        "Tuntematonta kenttää ei tallennettu.",
        "Det okända fältet sparades inte.",
        "The unknown field was not stored.");

    public static readonly FindingDefinition TextTooLong = Error("FMT-004",
        "Teksti on liian pitkä ({0} merkkiä, enintään {1}).",
        "Texten är för lång ({0} tecken, högst {1}).",
        "The text is too long ({0} characters, at most {1}).");

    public static readonly FindingDefinition InvalidDateTime = Error("FMT-005",
        "Ajankohta ei ole muotoa VVVV-KK-PPTHH:MM[:SS] (Suomen aikaa, ilman aikavyöhykettä).",
        "Tidpunkten har inte formen ÅÅÅÅ-MM-DDTHH:MM[:SS] (finsk tid, utan tidszon).",
        "The time is not of the form YYYY-MM-DDTHH:MM[:SS] (Finnish local time, no offset).");

    public static readonly FindingDefinition InvalidNumber = Error("FMT-006",
        "Arvo ei ole kokonaisluku sallitulla välillä.",
        "Värdet är inte ett heltal inom tillåtet intervall.",
        "The value is not an integer in the range allowed.");

    public static readonly FindingDefinition RecordTooLarge = Error("FMT-007",
        "Tietue ylittää suurimman sallitun koon ({0} tavua).",
        "Posten överskrider den största tillåtna storleken ({0} byte).",
        "The record exceeds the largest size allowed ({0} bytes).");

    public static readonly FindingDefinition NestingTooDeep = Error("FMT-008",
        "Tietueen rakenne on liian syvä.",
        "Postens struktur är för djup.",
        "The record is nested too deeply.");

    public static readonly FindingDefinition DuplicateField = Error("FMT-009",
        "Kenttä esiintyy kahdesti.",
        "Fältet förekommer två gånger.",
        "The field occurs twice.");

    public static readonly FindingDefinition NotAnObject = Error("FMT-010",
        "Tietue ei ole objekti.",
        "Posten är inte ett objekt.",
        "The record is not an object.");

    public static readonly FindingDefinition ControlCharacters = Error("FMT-011",
        "Tekstissä on ohjausmerkkejä.",
        "Texten innehåller styrtecken.",
        "The text contains control characters.");

    public static readonly FindingDefinition TooManyItems = Error("FMT-012",
        "Toistuvassa ryhmässä on liikaa alkioita ({0}, enintään {1}).",
        "Den upprepade gruppen har för många element ({0}, högst {1}).",
        "The repeating group has too many items ({0}, at most {1}).");

    public static readonly FindingDefinition InvalidRecordEncoding = Error("FMT-013",
        "Tietueessa on virheellistä UTF-8-koodausta.",
        "Posten innehåller ogiltig UTF-8-kodning.",
        "The record contains invalid UTF-8.");

    // Required content.
    public static readonly FindingDefinition Required = Error("REQ-001",
        "Pakollinen tieto puuttuu.",
        "En obligatorisk uppgift saknas.",
        "A required value is missing.");

    public static readonly FindingDefinition NoPhase = Error("REQ-002",
        "Tietueessa ei ole yhtään vaihetta (yhteydenotto, hoidon tarpeen arviointi, ajanvaraus, käynti tai peruuntuminen).",
        "Posten har ingen fas (kontakt, bedömning av vårdbehov, tidsbokning, besök eller annullering).",
        "The record has no phase (contact, care-need assessment, appointment, visit or cancellation).");

    public static readonly FindingDefinition EmptyItem = Error("REQ-003",
        "Ryhmän alkiossa ei ole yhtään tietoa.",
        "Gruppens element innehåller inga uppgifter.",
        "The item of the group holds no value.");

    // Identity code. Messages never quote the code.
    public static readonly FindingDefinition IdentityCodeFormat = Error("HETU-001",
        "Henkilötunnus ei ole muotoa PPKKVVXNNNT.",
        "Personbeteckningen har inte formen DDMMÅÅXNNNK.",
        "The identity code is not of the form DDMMYYCNNNQ.");

    public static readonly FindingDefinition IdentityCodeCenturySign = Error("HETU-002",
        "Henkilötunnuksen välimerkki ei ole sallittu.",
        "Personbeteckningens skiljetecken är inte tillåtet.",
        "The century sign of the identity code is not allowed.");

    public static readonly FindingDefinition IdentityCodeDate = Error("HETU-003",
        "Henkilötunnuksen syntymäaika ei ole todellinen päivämäärä.",
        "Personbeteckningens födelsedatum är inte ett verkligt datum.",
        "The birth date of the identity code is not a real date.");

    public static readonly FindingDefinition IdentityCodeIndividualNumber = Error("HETU-004",
        "Henkilötunnuksen yksilönumero ei ole sallittu.",
        "Personbeteckningens individnummer är inte tillåtet.",
        "The individual number of the identity code is not allowed.");

    public static readonly FindingDefinition IdentityCodeCheckCharacter = Error("HETU-005",
        "Henkilötunnuksen tarkistusmerkki ei täsmää.",
        "Personbeteckningens kontrolltecken stämmer inte.",
        "The check character of the identity code does not match.");

    public static readonly FindingDefinition IdentityCodeTemporary = Error("HETU-006",
        "Tilapäistä henkilötunnusta (yksilönumero 900–999) ei hyväksytä tässä ympäristössä.",
        "Tillfällig personbeteckning (individnummer 900–999) godtas inte i denna miljö.",
        "Temporary identity codes (individual number 900–999) are not accepted in this environment.");

    public static readonly FindingDefinition IdentityCodeBornAfterEvent = Error("HETU-007",
        "Henkilötunnuksen syntymäaika on tapahtuman jälkeen.",
        "Personbeteckningens födelsedatum är efter händelsen.",
        "The identity code's birth date is after the event.");

    public static readonly FindingDefinition IdentityCodeOutOfPlace = Error("HETU-008",
        "Kentässä on henkilötunnus; henkilötunnuksen saa lähettää vain asiakkaan henkilötunnuskentässä. Tietuetta ei tallennettu eikä arvoa toisteta.",
        "Fältet innehåller en personbeteckning; en personbeteckning får endast skickas i klientens fält för personbeteckning. Posten sparades inte och värdet upprepas inte.",
        "The field holds a personal identity code; an identity code may be sent only in the client's identity code field. The record was not stored and the value is not repeated.");

    // Code systems.
    public static readonly FindingDefinition UnknownCode = Error("CODE-001",
        "Koodia {0} ei ole luokituksessa {1}.",
        "Koden {0} finns inte i klassifikationen {1}.",
        "Code {0} is not in classification {1}.");

    public static readonly FindingDefinition CodeNotValidOnDate = Error("CODE-002",
        "Koodi {0} ei ole voimassa luokituksessa {1} päivänä {2}.",
        "Koden {0} är inte giltig i klassifikationen {1} den {2}.",
        "Code {0} of classification {1} is not valid on {2}.");

    public static readonly FindingDefinition HeadingCode = Error("CODE-003",
        "Koodi {0} on luokituksen {1} otsikko, ei kirjattava koodi.",
        "Koden {0} är en rubrik i klassifikationen {1}, inte en kod att registrera.",
        "Code {0} is a heading of classification {1}, not a code to record.");

    public static readonly FindingDefinition UnverifiedCodeSystem = Warning("CODE-004",
        "Luokituksen {1} koodistoa ei ole saatavilla; koodia {0} ei voitu tarkistaa.",
        "Klassifikationen {1} finns inte tillgänglig; koden {0} kunde inte kontrolleras.",
        "Classification {1} is not available; code {0} could not be verified.");

    public static readonly FindingDefinition CodeShape = Error("CODE-005",
        "Koodi {0} ei ole luokituksen {1} muotoinen.",
        "Koden {0} har inte formen för klassifikationen {1}.",
        "Code {0} does not have the form of classification {1}.");

    public static readonly FindingDefinition NotInProvisionalList = Warning("CODE-006",
        "Koodia {0} ei ole luokituksen {1} alustavassa listassa.",
        "Koden {0} finns inte i den preliminära listan för klassifikationen {1}.",
        "Code {0} is not in the provisional list of classification {1}.");

    public static readonly FindingDefinition NotFollowUpCode = Error("CODE-007",
        "Koodi {0} ei ole jatkohoidon koodi.",
        "Koden {0} är inte en kod för fortsatt vård.",
        "Code {0} is not a follow-up care code.");

    public static readonly FindingDefinition NotExternalCauseCode = Error("CODE-008",
        "Koodi {0} ei ole ulkoisen syyn koodi (V01–Y98).",
        "Koden {0} är inte en kod för yttre orsak (V01–Y98).",
        "Code {0} is not an external-cause code (V01–Y98).");

    public static readonly FindingDefinition ProvisionalClassification = Warning("CODE-009",
        "Kentän {2} luokitus {1} on alustava: sen koodeista ei ole julkista luetteloa, joten koodista {0} tarkistettiin vain muoto.",
        "Klassifikationen {1} för fältet {2} är preliminär: det finns ingen offentlig förteckning över dess koder, så endast formen på koden {0} kontrollerades.",
        "The classification {1} of field {2} is provisional: there is no published list of its codes, so only the form of code {0} was checked.");

    // Times.
    public static readonly FindingDefinition TimeOrder = Error("TIME-001",
        "Ajankohta on aikaisempi kuin {0}.",
        "Tidpunkten är tidigare än {0}.",
        "The time is earlier than {0}.");

    public static readonly FindingDefinition TimeInFuture = Error("TIME-002",
        "Ajankohta on tulevaisuudessa.",
        "Tidpunkten ligger i framtiden.",
        "The time is in the future.");

    public static readonly FindingDefinition TimeBefore2011 = Error("TIME-003",
        "Ajankohta on ennen vuotta 2011.",
        "Tidpunkten är före år 2011.",
        "The time is before 2011.");

    // Values.
    public static readonly FindingDefinition ImplausibleValue = Error("VAL-001",
        "Arvo {0} ei ole uskottavalla välillä {1}–{2}.",
        "Värdet {0} ligger inte inom det trovärdiga intervallet {1}–{2}.",
        "Value {0} is outside the plausible range {1}–{2}.");

    public static readonly FindingDefinition GumStatusDigits = Error("VAL-002",
        "Ienkudoksen tilan merkkien on oltava numeroita 0–4 (enintään {0}).",
        "Tandköttets status ska bestå av siffrorna 0–4 (högst {0}).",
        "Gum status must consist of the digits 0–4 (at most {0}).");

    public static readonly FindingDefinition PostalCodeShape = Error("VAL-003",
        "Postinumero ei ole viisinumeroinen.",
        "Postnumret består inte av fem siffror.",
        "The postal code is not five digits.");

    public static readonly FindingDefinition NotAnOid = Warning("VAL-004",
        "Tunniste ei ole OID-muotoinen.",
        "Identifieraren har inte OID-form.",
        "The identifier is not an OID.");

    // Rules across fields.
    public static readonly FindingDefinition ExternalCauseWithoutInjury = Error("RULE-001",
        "Ulkoinen syy tai tapaturmatyyppi on annettu, vaikka käyntisyy ei ole vamma tai myrkytys (S00–T98).",
        "Yttre orsak eller olyckstyp har angetts fast besöksorsaken inte är en skada eller förgiftning (S00–T98).",
        "An external cause or accident type is given, but the reason is not an injury or poisoning (S00–T98).");

    public static readonly FindingDefinition MixedReason = Error("RULE-002",
        "Käyntisyyssä on sekä ICD-10- että ICPC-2-koodi; anna ne eri käyntisyinä.",
        "Besöksorsaken har både en ICD-10- och en ICPC-2-kod; ange dem som skilda orsaker.",
        "The reason holds both an ICD-10 and an ICPC-2 code; give them as separate reasons.");

    public static readonly FindingDefinition MixedProcedure = Error("RULE-003",
        "Toimenpiteessä on sekä SPAT- että suun terveydenhuollon koodi; anna ne eri toimenpiteinä.",
        "Åtgärden har både en SPAT-kod och en kod för munhälsovård; ange dem som skilda åtgärder.",
        "The procedure holds both a SPAT and an oral-care code; give them as separate procedures.");

    public static readonly FindingDefinition ToothWithoutOralProcedure = Error("RULE-004",
        "Hammas on annettu ilman suun terveydenhuollon toimenpidettä.",
        "Tand har angetts utan åtgärd inom munhälsovård.",
        "A tooth is given without an oral-care procedure.");

    public static readonly FindingDefinition MedicationWithoutSubstance = Error("RULE-005",
        "Lääkkeestä puuttuu sekä ATC-koodi että selite.",
        "Läkemedlet saknar både ATC-kod och beskrivning.",
        "The medication has neither an ATC code nor a description.");

    // Care periods (Terveys-Hilmo and Sosiaalihilmo).
    public static readonly FindingDefinition InvalidDate = Error("PER-001",
        "Päivämäärä ei ole muotoa VVVV-KK-PP.",
        "Datumet har inte formen ÅÅÅÅ-MM-DD.",
        "The date is not of the form YYYY-MM-DD.");

    public static readonly FindingDefinition UnknownRegister = Error("PER-002",
        "Rekisteri {0} ei ole tunnettu; sallitut ovat avohilmo, terveyshilmo ja sosiaalihilmo.",
        "Registret {0} är okänt; tillåtna är avohilmo, terveyshilmo och sosiaalihilmo.",
        "Register {0} is unknown; allowed are avohilmo, terveyshilmo and sosiaalihilmo.");

    public static readonly FindingDefinition RegisterMismatch = Error("PER-003",
        "Rekisteri {0} ei vastaa tietueen elementtiä {1}.",
        "Registret {0} motsvarar inte postens element {1}.",
        "Register {0} does not agree with the record element {1}.");

    public static readonly FindingDefinition InvalidDecimal = Error("PER-004",
        "Arvo ei ole desimaaliluku.",
        "Värdet är inte ett decimaltal.",
        "The value is not a decimal number.");

    public static readonly FindingDefinition CensusNotYearEnd = Error("PER-005",
        "Laskentapäivän on oltava 31. joulukuuta.",
        "Räknedagen ska vara den 31 december.",
        "The census day must be a 31 December.");

    public static readonly FindingDefinition CensusOutsidePeriod = Error("PER-006",
        "Laskentapäivä ei ole hoitojakson aikana (tulopäivästä lähtöpäivää edeltävään päivään).",
        "Räknedagen ligger inte inom vårdperioden (från ankomstdagen till dagen före utskrivningsdagen).",
        "The census day is not within the period (from the arrival day to the day before discharge).");

    public static readonly FindingDefinition OutsidePeriod = Error("PER-007",
        "Ajankohta ei ole hoitojakson aikana (tulopäivästä lähtöpäivän loppuun).",
        "Tidpunkten ligger inte inom vårdperioden (från ankomstdagen till slutet av utskrivningsdagen).",
        "The time is not within the period (from the arrival day to the end of the discharge day).");

    public static readonly FindingDefinition PsychiatryWithoutPsychiatricSpecialty = Error("PER-008",
        "Psykiatrian tietoja on annettu, vaikka erikoisala {0} ei ole psykiatrinen (70, 74, 75).",
        "Psykiatriska uppgifter har angetts fast specialiteten {0} inte är psykiatrisk (70, 74, 75).",
        "Psychiatric items are given, but specialty {0} is not psychiatric (70, 74, 75).");

    public static readonly FindingDefinition WardPeriodWithoutNight = Warning("PER-009",
        "Vuodeosastohoidon (R80) jakso päättyy tulopäivänä; yöttömänä se on yleensä päiväkirurgiaa tai käynti.",
        "Vårdperioden på avdelning (R80) slutar på ankomstdagen; utan natt är den vanligen dagkirurgi eller ett besök.",
        "The ward-care period (R80) ends on its arrival day; without a night it is normally day surgery or a visit.");

    public static readonly FindingDefinition DiedWithoutDischarge = Warning("PER-010",
        "Lähtöpaikaksi on annettu kuolema (9), mutta lähtöpäivä puuttuu.",
        "Utskrivningsplatsen är död (9), men utskrivningsdagen saknas.",
        "The discharge destination is death (9), but the discharge date is missing.");

    public static readonly FindingDefinition DiedAsArrival = Error("PER-011",
        "Koodi 9 (kuollut) on vain lähtöpaikka, ei tulopaikka.",
        "Koden 9 (död) är endast en utskrivningsplats, inte en ankomstplats.",
        "Code 9 (died) is a discharge destination only, not a place of arrival.");

    public static readonly FindingDefinition NotSocialCareServiceArea = Error("PER-012",
        "Palveluala {0} ei ole sosiaalihuollon palveluala; Sosiaalihilmoon ilmoitetaan vain sosiaalihuollon hoitojaksot.",
        "Serviceområdet {0} är inte ett område inom socialvården; till Sosiaalihilmo anmäls endast socialvårdens vårdperioder.",
        "Service area {0} is not a social-care area; Sosiaalihilmo takes social-care periods only.");

    public static readonly FindingDefinition ArrivalBeforeBirth = Error("PER-013",
        "Tulopäivä on ennen asiakkaan syntymäpäivää.",
        "Ankomstdagen är före klientens födelsedag.",
        "The arrival date is before the client's date of birth.");

    // Versions in the register.
    public static readonly FindingDefinition ConflictingVersion = Error("VER-001",
        "Tietue on jo vastaanotettu samalla päivitysajalla mutta eri sisällöllä; muutettu tietue tarvitsee uuden päivitysajan.",
        "Posten har redan tagits emot med samma uppdateringstid men annat innehåll; en ändrad post behöver en ny uppdateringstid.",
        "The record was already received with the same update time but different content; a changed record needs a new update time.");

    public static readonly FindingDefinition OlderThanCurrent = Warning("VER-002",
        "Tietueesta on jo uudempi versio; tämä versio tallennettiin vain historiaan.",
        "Det finns redan en nyare version av posten; denna version sparades endast i historiken.",
        "A newer version of the record is already registered; this version was kept in history only.");

    public static readonly FindingDefinition WithdrawalOfUnknownRecord = Warning("VER-003",
        "Poistettavaa tietuetta ei ole rekisterissä; poisto tallennettiin.",
        "Posten som ska tas bort finns inte i registret; borttagningen sparades.",
        "The withdrawn record is not in the register; the withdrawal was stored.");

    // What the submitter may send.
    public static readonly FindingDefinition OtherProvider = Error("ACC-001",
        "Tietue on palveluntuottajan {0} tietue; tällä avaimella voi lähettää vain palveluntuottajan {1} tietueita.",
        "Posten hör till tjänsteproducenten {0}; med denna nyckel kan endast tjänsteproducenten {1}s poster skickas.",
        "The record belongs to provider {0}; this key may submit records of provider {1} only.");

    /// <summary>The whole catalogue in the order written above.</summary>
    public static IReadOnlyList<FindingDefinition> All { get; } =
        [.. typeof(FindingCatalogue).GetFields()
            .Where(f => f.FieldType == typeof(FindingDefinition))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (FindingDefinition)f.GetValue(null)!)];

    private static readonly Dictionary<string, FindingDefinition> byCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="code"/>, for findings read back from the store; null for a code not in the catalogue.</summary>
    public static FindingDefinition? Find(string code) => byCode.GetValueOrDefault(code);

    private static FindingDefinition Error(string code, string fi, string sv, string en) =>
        new(code, Severity.Error, new LocalizedText(fi, sv, en));

    private static FindingDefinition Warning(string code, string fi, string sv, string en) =>
        new(code, Severity.Warning, new LocalizedText(fi, sv, en));
}
