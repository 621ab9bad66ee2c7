"""The tables. The schedule lives here, one row per planned message: the source of truth."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if getattr(dialect, "name", "") == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class PatientStatus(enum.StrEnum):
    REGISTERING = "registering"
    ACTIVE = "active"
    PAUSED = "paused"
    STOPPED = "stopped"
    BLOCKED = "blocked"


class MessageStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    FAILED = "failed"
    BLOCKED = "blocked"  # not delivered: the patient had blocked the bot


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=16,
                values_callable=lambda members: [m.value for m in members])


class Urgency(enum.StrEnum):
    NONE = "none"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    AMBIGUOUS = "ambiguous"
    UNANSWERED = "unanswered"
    ESCALATED = "escalated"


class Vote(enum.StrEnum):
    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"


class AlertStatus(enum.StrEnum):
    OPEN = "open"
    HANDLED = "handled"


class Audience(enum.StrEnum):
    ACTIVE = "active"  # every patient receiving messages
    RECOVERY = "recovery"  # treated in the last 14 days
    DUE = "due"  # more sessions planned and the next one is due about now


class BroadcastStatus(enum.StrEnum):
    DRAFT = "draft"  # previewed, not confirmed
    QUEUED = "queued"  # rows written; the dispatcher sends them
    DONE = "done"  # every row has an outcome; the final report went out
    CANCELLED = "cancelled"


class Clinic(Base):
    __tablename__ = "clinic"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40))
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(200))
    # Days from one session of a series to the next: when "book your next session" goes out.
    session_interval_days: Mapped[int] = mapped_column(Integer, default=28)
    # A staff group registered with /staffchat: alerts go there as well as to each staff member.
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffMember(Base):
    """A clinic's staff member: may broadcast, read figures and alerts of that clinic only."""

    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    # "/broadcast" alone waits for the text in the next message; kept across restarts.
    step: Mapped[str | None] = mapped_column(String(32))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    clinic: Mapped[Clinic] = relationship(lazy="joined")


class StaffInvite(Base):
    """A one-time code a new staff member sends as `/staff CODE`."""

    __tablename__ = "staff_invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by: Mapped[int | None] = mapped_column(BigInteger)


class Broadcast(Base):
    """A message from the clinic to a group of its patients; one scheduled row per patient."""

    __tablename__ = "broadcast"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    audience: Mapped[Audience] = mapped_column(_enum(Audience, "audience"),
                                               default=Audience.ACTIVE)
    status: Mapped[BroadcastStatus] = mapped_column(_enum(BroadcastStatus, "broadcast_status"),
                                                    default=BroadcastStatus.DRAFT)
    created_by: Mapped[int | None] = mapped_column(BigInteger)  # None: the command line
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    total: Mapped[int] = mapped_column(Integer, default=0)
    # The staff member's message that shows progress, edited in place, and what it says now.
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_text: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    clinic: Mapped[Clinic] = relationship(lazy="joined")


class Patient(Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(64), default="")
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    language: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str] = mapped_column(String(64))
    send_hour: Mapped[int] = mapped_column(Integer, default=9)
    status: Mapped[PatientStatus] = mapped_column(
        _enum(PatientStatus, "patient_status"), default=PatientStatus.REGISTERING
    )
    # Where an unfinished conversation stands (registration, a date change): kept in the
    # database so a restart of the bot does not make the patient start again.
    step: Mapped[str | None] = mapped_column(String(32))
    pending_date: Mapped[date | None] = mapped_column(Date)
    sessions_planned: Mapped[int | None] = mapped_column(Integer)
    disclaimer_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    clinic: Mapped[Clinic] = relationship(lazy="joined")
    treatments: Mapped[list[Treatment]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Treatment.id",
    )


class Treatment(Base):
    __tablename__ = "treatment"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"),
                                            index=True)
    protocol: Mapped[str] = mapped_column(String(40))
    treatment_date: Mapped[date] = mapped_column(Date)
    session_number: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    patient: Mapped[Patient] = relationship(back_populates="treatments")
    messages: Mapped[list[ScheduledMessage]] = relationship(
        back_populates="treatment", cascade="all, delete-orphan", passive_deletes=True,
    )


class ScheduledMessage(Base):
    __tablename__ = "scheduled_message"
    __table_args__ = (
        UniqueConstraint("treatment_id", "message_key"),
        UniqueConstraint("broadcast_id", "patient_id"),  # a broadcast reaches a patient once
        # The dispatcher's query: pending rows by due time. Partial, so it stays as small as
        # the backlog and finding due rows never scans sent history.
        Index(
            "ix_scheduled_message_due",
            "due_at",
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        # Start-up's recover: rows a dead process left `sending`. Partial, so recover reads a
        # handful of rows instead of scanning the whole history (0.4 s at 1.4 million rows).
        Index(
            "ix_scheduled_message_sending",
            "claimed_at",
            sqlite_where=text("status = 'sending'"),
            postgresql_where=text("status = 'sending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A row belongs to a treatment's plan or to a broadcast.
    treatment_id: Mapped[int | None] = mapped_column(
        ForeignKey("treatment.id", ondelete="CASCADE"))
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcast.id", ondelete="CASCADE"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"),
                                            index=True)
    message_key: Mapped[str] = mapped_column(String(64))
    day: Mapped[int | None] = mapped_column(Integer)
    content_version: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[MessageStatus] = mapped_column(
        _enum(MessageStatus, "message_status"), default=MessageStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)

    treatment: Mapped[Treatment | None] = relationship(back_populates="messages")
    patient: Mapped[Patient] = relationship()
    broadcast: Mapped[Broadcast | None] = relationship()


class Question(Base):
    """A patient's free-text message and what the bot made of it.

    Kept so the clinic sees what it could not answer and how answers were rated; erased with
    the patient by /delete.
    """

    __tablename__ = "question"
    __table_args__ = (Index("ix_question_clinic_outcome", "clinic_id", "outcome", "asked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"),
                                            index=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    recovery_day: Mapped[int | None] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    urgency: Mapped[Urgency] = mapped_column(_enum(Urgency, "urgency"), default=Urgency.NONE)
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome, "question_outcome"))
    vote: Mapped[Vote | None] = mapped_column(_enum(Vote, "question_vote"))
    voted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Alert(Base):
    """A warning sign a patient reported: sent to the clinic's staff, open until handled."""

    __tablename__ = "alert"
    __table_args__ = (Index("ix_alert_clinic_status", "clinic_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"),
                                            index=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    level: Mapped[Urgency] = mapped_column(_enum(Urgency, "alert_level"))
    reason: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[AlertStatus] = mapped_column(_enum(AlertStatus, "alert_status"),
                                                default=AlertStatus.OPEN)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by: Mapped[int | None] = mapped_column(BigInteger)
    # When staff were told; None until a dispatcher tick has sent it to them.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    patient: Mapped[Patient] = relationship()
