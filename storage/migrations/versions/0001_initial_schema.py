"""Initial schema: clinics, patients, treatments and the message schedule.

Revision ID: 0001
Revises: (none)

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table('clinic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clinic')),
    sa.UniqueConstraint('code', name=op.f('uq_clinic_code'))
    )
    op.create_table('patient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('first_name', sa.String(length=64), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('send_hour', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('registering', 'active', 'paused', 'stopped', 'blocked', name='patient_status', native_enum=False, length=16), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=True),
    sa.Column('pending_date', sa.Date(), nullable=True),
    sa.Column('disclaimer_accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinic.id'], name=op.f('fk_patient_clinic_id_clinic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patient')),
    sa.UniqueConstraint('telegram_user_id', name=op.f('uq_patient_telegram_user_id'))
    )
    op.create_table('treatment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('protocol', sa.String(length=40), nullable=False),
    sa.Column('treatment_date', sa.Date(), nullable=False),
    sa.Column('session_number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_treatment_patient_id_patient'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_treatment'))
    )
    with op.batch_alter_table('treatment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_treatment_patient_id'), ['patient_id'], unique=False)

    op.create_table('scheduled_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('treatment_id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('message_key', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('content_version', sa.String(length=32), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'skipped', 'cancelled', 'failed', name='message_status', native_enum=False, length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('telegram_message_id', sa.BigInteger(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_scheduled_message_patient_id_patient'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['treatment_id'], ['treatment.id'], name=op.f('fk_scheduled_message_treatment_id_treatment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduled_message')),
    sa.UniqueConstraint('treatment_id', 'message_key', name=op.f('uq_scheduled_message_treatment_id_message_key'))
    )
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_message_due', ['due_at'], unique=False, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.create_index(batch_op.f('ix_scheduled_message_patient_id'), ['patient_id'], unique=False)




def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scheduled_message_patient_id'))
        batch_op.drop_index('ix_scheduled_message_due', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))

    op.drop_table('scheduled_message')
    with op.batch_alter_table('treatment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_treatment_patient_id'))

    op.drop_table('treatment')
    op.drop_table('patient')
    op.drop_table('clinic')

