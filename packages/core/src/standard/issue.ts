import type { ValidationIssue } from '../errors/errors'

/** A {@link ValidationIssue} with its Indonesian and English texts given. @internal */
export function issue(
  path: ValidationIssue['path'],
  rule: string,
  message: string,
  messageEn: string,
): ValidationIssue {
  return { path, rule, message, messageEn }
}
