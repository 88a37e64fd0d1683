/** Schema aliases shared by the modules (generated types from schema.d.ts). */
import type { components, operations } from './schema';

export type Schemas = components['schemas'];

export type Organization = Schemas['OrganizationRead'];

export type OrganizationUpdate = Schemas['OrganizationUpdate'];

export type OrganizationCreate = Schemas['OrganizationCreate'];

export type Teacher = Schemas['TeacherRead'];

export type TeacherListItem = Schemas['TeacherListItem'];

export type TeacherCreate = Schemas['TeacherCreate'];

export type TeacherUpdate = Schemas['TeacherUpdate'];

export type TeacherStats = Schemas['TeacherStats'];

export type ImportReport = Schemas['ImportReport'];

export type UserRead = Schemas['UserRead'];

export type UserCreate = Schemas['UserCreate'];

export type UserUpdate = Schemas['UserUpdate'];

export type ClientUpdate = Schemas['ClientUpdate'];

export type ClientRead = Schemas['ClientRead'];

export type ClientCreate = Schemas['ClientCreate'];

export type ClientWithSecret = Schemas['ClientWithSecret'];

export type AuditEvent = Schemas['AuditEventRead'];

export type Municipality = Schemas['MunicipalityRead'];

export type DictionaryItem = { code: string; name: string };

export type OrganizationQuery = NonNullable<operations['list_organizations']['parameters']['query']>;

export type TeacherQuery = NonNullable<operations['list_teachers']['parameters']['query']>;

export type UserQuery = NonNullable<operations['list_users']['parameters']['query']>;

export type AuditQuery = NonNullable<operations['list_audit_events']['parameters']['query']>;

export type MunicipalityUpdate = Schemas['MunicipalityUpdate'];

export type OrganizationTeacherStats = Schemas['OrganizationTeacherStats'];

export type ByOrganizationQuery = NonNullable<operations['teacher_stats_by_organization']['parameters']['query']>;

export type Course = Schemas['CourseRead'];

export type CourseCreate = Schemas['CourseCreate'];

export type CourseUpdate = Schemas['CourseUpdate'];

export type CourseQuery = NonNullable<operations['list_courses']['parameters']['query']>;

export type CourseImportReport = Schemas['CourseImportReport'];

export type PdWindowPage = Schemas['PdWindowPage'];

export type PdWindowItem = Schemas['PdWindowItem'];

export type PdWindowQuery = NonNullable<operations['list_pd_window']['parameters']['query']>;

export type Attestation = Schemas['AttestationRead'];

export type AttestationCreate = Schemas['AttestationCreate'];

export type AttestationUpdate = Schemas['AttestationUpdate'];

export type AttestationDecision = Schemas['AttestationDecision'];

export type AttestationQuery = NonNullable<operations['list_attestations']['parameters']['query']>;

export type AttestationPlan = Schemas['AttestationPlan'];

export type AttestationPlanQuery = NonNullable<operations['get_attestation_plan']['parameters']['query']>;

export type MentoringPair = Schemas['MentoringPairRead'];

export type MentoringPairCreate = Schemas['MentoringPairCreate'];

export type MentoringPairUpdate = Schemas['MentoringPairUpdate'];

export type HelpRequest = Schemas['HelpRequestRead'];

export type HelpRequestCreate = Schemas['HelpRequestCreate'];

export type HelpRequestUpdate = Schemas['HelpRequestUpdate'];

export type HelpRequestClose = Schemas['HelpRequestClose'];

export type ConsultationCreate = Schemas['ConsultationCreate'];

export type HelpRequestQuery = NonNullable<operations['list_help_requests']['parameters']['query']>;

export type AppNotification = Schemas['NotificationRead'];

export type MentoringPairQuery = NonNullable<operations['list_mentoring_pairs']['parameters']['query']>;

export type Practice = Schemas['PracticeRead'];

export type PracticeCreate = Schemas['PracticeCreate'];

export type PracticeUpdate = Schemas['PracticeUpdate'];

export type PracticeQuery = NonNullable<operations['list_practices']['parameters']['query']>;

export type PracticeCriterion = Schemas['PracticeCriterionRead'];

export type PracticeReviewCreate = Schemas['PracticeReviewCreate'];

export type YoungWithoutMentorPage = Schemas['YoungWithoutMentorPage'];

export type YoungWithoutMentorQuery = NonNullable<operations['list_young_without_mentor']['parameters']['query']>;

export type DocumentRecord = Schemas['DocumentRead'];

export type DocumentCreate = Schemas['DocumentCreate'];

export type DocumentUpdate = Schemas['DocumentUpdate'];

export type DocumentQuery = NonNullable<operations['list_documents']['parameters']['query']>;

export type DocumentChecklist = Schemas['Checklist'];

export type DocumentRequirement = Schemas['RequirementRead'];

export type DocumentRequirementCreate = Schemas['RequirementCreate'];

export type DocumentRequirementUpdate = Schemas['RequirementUpdate'];
export type Association = Schemas['AssociationRead'];

export type AssociationRow = Schemas['AssociationRow'];

export type AssociationCreate = Schemas['AssociationCreate'];

export type AssociationMeetingCreate = Schemas['MeetingCreate'];

export type AssociationPlanCreate = Schemas['PlanCreate'];

export type AssociationPlanUpdate = Schemas['PlanUpdate'];

export type AssociationMeetingUpdate = Schemas['MeetingUpdate'];

export type AssociationQuery = NonNullable<operations['list_associations']['parameters']['query']>;
