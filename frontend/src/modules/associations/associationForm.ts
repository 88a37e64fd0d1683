/** The forms of the associations module as plain values: checks before sending and the request bodies. */
import type {
  AssociationCreate,
  AssociationMeetingCreate,
  AssociationMeetingUpdate,
  AssociationPlanCreate,
  AssociationPlanUpdate,
} from '../../api/types';
import { t } from '../../i18n/messages';

export type AssociationFormValues = {
  level: 'city' | 'school';
  organization_id: string | null;
  title: string;
  subject_code: string | null;
  problem: string;
  leader_teacher_id: string | null;
  academic_year: string;
};

export function emptyAssociationValues(academicYear: string, schoolId: string | null): AssociationFormValues {
  return {
    level: schoolId ? 'school' : 'city',
    organization_id: schoolId,
    title: '',
    subject_code: null,
    problem: '',
    leader_teacher_id: null,
    academic_year: academicYear,
  };
}

export const SUBJECT_OR_PROBLEM = 'Укажите предмет или проблему, над которой работает объединение';

export function validateAssociation(v: AssociationFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.title.trim().length < 3) out.title = t.validation.required;
  if (v.level === 'school' && !v.organization_id) out.organization_id = t.validation.required;
  if (!v.subject_code && !v.problem.trim()) out.subject_code = SUBJECT_OR_PROBLEM;
  return out;
}

export function toAssociationCreate(v: AssociationFormValues): AssociationCreate {
  return {
    level: v.level,
    organization_id: v.level === 'school' ? v.organization_id : null,
    title: v.title.trim(),
    subject_code: v.subject_code || null,
    problem: v.problem.trim() || null,
    leader_teacher_id: v.leader_teacher_id,
    academic_year: v.academic_year,
  };
}

export type PlanFormValues = { planned_date: string | null; topic: string; form: string };

export function validatePlan(v: PlanFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.planned_date) out.planned_date = t.validation.required;
  if (v.topic.trim().length < 3) out.topic = t.validation.required;
  return out;
}

export function toPlanCreate(v: PlanFormValues): AssociationPlanCreate {
  return { planned_date: v.planned_date ?? '', topic: v.topic.trim(), form: v.form.trim() || null };
}

type SavedPlan = { planned_date: string; topic: string; form?: string | null };

export function planToValues(plan: SavedPlan): PlanFormValues {
  return { planned_date: plan.planned_date, topic: plan.topic, form: plan.form ?? '' };
}

/** Only what the user changed goes into the PATCH (an empty body means nothing to save). */
export function toPlanUpdate(v: PlanFormValues, plan: SavedPlan): AssociationPlanUpdate {
  const next = toPlanCreate(v);
  const out: AssociationPlanUpdate = {};
  if (next.planned_date !== plan.planned_date) out.planned_date = next.planned_date;
  if (next.topic !== plan.topic) out.topic = next.topic;
  if ((next.form ?? null) !== (plan.form ?? null)) out.form = next.form ?? null;
  return out;
}

export type MeetingFormValues = {
  held_on: string | null;
  plan_id: string | null;
  topic: string;
  form: string;
  attendance: string[];
  minutes: string;
  decisions: string;
};

type PlanLike = { id: string; planned_date: string; topic: string; form?: string | null };

/** A meeting recorded for a plan line starts with its topic and form (and its date, when none is typed yet). */
export function meetingFromPlan(v: MeetingFormValues, plan: PlanLike | null): MeetingFormValues {
  if (!plan) return { ...v, plan_id: null };
  return {
    ...v,
    plan_id: plan.id,
    topic: v.topic.trim() ? v.topic : plan.topic,
    form: v.form.trim() ? v.form : (plan.form ?? ''),
    held_on: v.held_on ?? plan.planned_date,
  };
}

export function validateMeeting(v: MeetingFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.held_on) out.held_on = t.validation.required;
  if (v.topic.trim().length < 3) out.topic = t.validation.required;
  return out;
}

export function toMeetingCreate(v: MeetingFormValues): AssociationMeetingCreate {
  return {
    held_on: v.held_on ?? '',
    plan_id: v.plan_id,
    topic: v.topic.trim(),
    form: v.form.trim() || null,
    attendance: v.attendance,
    minutes: v.minutes.trim() || null,
    decisions: v.decisions.trim() || null,
  };
}

type SavedMeeting = {
  held_on: string;
  plan_id?: string | null;
  topic: string;
  form?: string | null;
  attendance?: { teacher_id: string }[];
  minutes?: string | null;
  decisions?: string | null;
};

export function meetingToValues(m: SavedMeeting): MeetingFormValues {
  return {
    held_on: m.held_on,
    plan_id: m.plan_id ?? null,
    topic: m.topic,
    form: m.form ?? '',
    attendance: (m.attendance ?? []).map((x) => x.teacher_id),
    minutes: m.minutes ?? '',
    decisions: m.decisions ?? '',
  };
}

/** Only what the user changed goes into the PATCH; attendance, when changed, is sent as the whole list. */
export function toMeetingUpdate(v: MeetingFormValues, m: SavedMeeting, removeMinutesFile = false): AssociationMeetingUpdate {
  const next = toMeetingCreate(v);
  const out: AssociationMeetingUpdate = {};
  if (next.held_on !== m.held_on) out.held_on = next.held_on;
  if ((next.plan_id ?? null) !== (m.plan_id ?? null)) out.plan_id = next.plan_id ?? null;
  if (next.topic !== m.topic) out.topic = next.topic;
  if ((next.form ?? null) !== (m.form ?? null)) out.form = next.form ?? null;
  const before = (m.attendance ?? []).map((x) => x.teacher_id);
  const after = next.attendance ?? [];
  if (before.length !== after.length || [...before].sort().join() !== [...after].sort().join()) out.attendance = after;
  if ((next.minutes ?? null) !== (m.minutes ?? null)) out.minutes = next.minutes ?? null;
  if ((next.decisions ?? null) !== (m.decisions ?? null)) out.decisions = next.decisions ?? null;
  if (removeMinutesFile) out.minutes_file_id = null;
  return out;
}
