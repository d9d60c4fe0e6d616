/**
 * The micro-survey's strings (./microSurvey.ts), English and French: a table of its own, so the
 * survey's chunk does not bring the panel's. French puts a no-break space (\u00a0) before ? ! : ;.
 */
const en = {
  yes: 'Yes',
  no: 'No',
  outOf5: (n: number) => `${n} out of 5`,
  thanks: 'Thank you!',
  sorry: 'Sorry about that. Can we help?',
  chat: 'Chat with us',
  dismiss: 'Dismiss',
  /** What the agent reads in the context (`trigger`): the question and the answer. */
  answered: (question: string, answer: string) => `${question} → ${answer}`,
};

const fr: typeof en = {
  yes: 'Oui',
  no: 'Non',
  outOf5: (n: number) => `${n} sur 5`,
  thanks: 'Merci\u00a0!',
  sorry: 'Désolés. Pouvons-nous vous aider\u00a0?',
  chat: 'Discuter avec nous',
  dismiss: 'Fermer',
  answered: en.answered,
};

export const surveyText = (lang: string): typeof en => (lang == 'fr' ? fr : en);
