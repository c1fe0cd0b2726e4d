/*
 * ctimod corpus: typescript-adapter/src/sforce.d.ts - ambient declarations for a TypeScript Lightning Open CTI adapter class (NimbusVoice softphone)
 * Patterns: typescript
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * opencti_min.js is loaded by the Visualforce page before the bundle; Salesforce ships no
 * typings for it, so the global is `any` and only the callback payloads are typed here.
 */

declare var sforce: any;

declare namespace OpenCti {
  type ErrorCode = 'INVALID_PARAM' | 'GENERIC_ERROR' | 'SERVER_ERROR' | 'SOFTPHONE_CONTAINER_ERROR' | string;

  interface ApiError {
    code: ErrorCode;
    description: string;
    details?: Record<string, unknown>;
  }

  /** Shape of every Lightning Open CTI callback argument. */
  interface Response<T> {
    success: boolean;
    returnValue: T | null;
    errors: ApiError[] | null;
  }

  type Callback<T> = (response: Response<T>) => void;

  /** Flattened call center definition: "/section/item" -> value. */
  interface CallCenterSettings {
    '/reqGeneralInfo/reqInternalName': string;
    '/reqGeneralInfo/reqDisplayName'?: string;
    '/reqGeneralInfo/reqAdapterUrl'?: string;
    [key: string]: string | undefined;
  }

  interface ClickToDialPayload {
    number: string;
    recordId?: string;
    recordName?: string;
    objectType?: string;
    accountId?: string;
    contactId?: string;
    personAccount?: boolean;
    params?: string;
  }

  interface SearchMatch {
    Id: string;
    Name?: string;
    RecordType?: string;
    object?: string;
    displayName?: string;
    LastModifiedDate?: string;
    IsPersonAccount?: boolean;
    PersonContactId?: string;
  }

  /** searchAndScreenPop returnValue: record Id -> match. */
  interface SearchResult {
    [recordId: string]: SearchMatch;
  }

  interface RunApexResult {
    runApex: string;
  }

  interface SaveLogResult {
    recordId?: string;
  }
}
