/** The rules' tunable limits (api.md, domain.md), from configuration; the defaults are the documented ones. */
export class RuleSettings {
  /** Built once: constructing a DateTimeFormat costs ~100 µs, and every authenticated request asks for today. */
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(
    /** A repeat of the same assessment kind by another partner inside this many days is flagged. */
    readonly assessmentReuseDays = 90,
    /** Weekly hours of a customer's activities in effect on any day above this are a plan conflict. */
    readonly weeklyHoursLimit = 40,
    /** Plain dates (agreements' effective dates) are local dates here. */
    readonly timezone = 'America/Chicago',
  ) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  /** The local date (YYYY-MM-DD) of an instant in the ledger's time zone. */
  localDate(instant: Date): string {
    return this.dateFormat.format(instant);
  }
}
