// Words the UI uses for finding types and severities.

const TYPE_LABELS = {
  PERSON: 'Name',
  AGE: 'Age',
  DATE_TIME: 'Date',
  DATE: 'Date',
  LOCATION: 'Place',
  PLACE: 'Place',
  FACILITY: 'Facility',
  HEALTH_CONDITION: 'Health detail',
  CLIENT_REFERENCE: 'Client reference',
  NHS_NUMBER: 'NHS number',
  US_SSN: 'Social Security number',
  EMAIL_ADDRESS: 'E-mail address',
  PHONE_NUMBER: 'Phone number',
  CREDIT_CARD: 'Card number',
  URL: 'Web address',
  POSTCODE: 'Postcode',
};

export function typeLabel(type) {
  if (TYPE_LABELS[type]) return TYPE_LABELS[type];
  const words = String(type).toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SEVERITY_RANK = Object.freeze({ none: 0, low: 1, medium: 2, high: 3 });
export const SEVERITY_LABELS = Object.freeze({ none: 'No risk', low: 'Low risk', medium: 'Medium risk', high: 'High risk' });

export function worstSeverity(findings) {
  let worst = 'none';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
