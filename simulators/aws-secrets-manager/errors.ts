/** An AWS-style error the simulator answers with: `__type`, message and HTTP status. */
export class SimError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = 'SimError';
    this.type = type;
    this.status = status;
  }
}

/** ResourceNotFoundException with the wording Secrets Manager uses. */
export function notFound(what = "Secrets Manager can't find the specified secret."): SimError {
  return new SimError('ResourceNotFoundException', what);
}

/** InvalidParameterException: a parameter value is not valid for the current state. */
export function invalidParameter(message: string): SimError {
  return new SimError('InvalidParameterException', message);
}

/** InvalidRequestException: the resource's state forbids the call (e.g. scheduled for deletion). */
export function invalidRequest(message: string): SimError {
  return new SimError('InvalidRequestException', message);
}

/** ValidationException: the input does not satisfy the model's constraints. */
export function validation(message: string): SimError {
  return new SimError('ValidationException', message);
}

/** The message AWS gives for any call on a secret that is scheduled for deletion. */
export const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";
